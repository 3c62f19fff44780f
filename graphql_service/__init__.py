"""GraphQL delivery service of Integration Norden Hub.

An async strawberry schema on starlette that reads only the search read model
(:mod:`search`), never the CMS database. Start it with
``python -m graphql_service``; build the ASGI app with
:func:`graphql_service.app.create_app`.

This package's ``__init__`` imports nothing, so that the CMS can read API
usage with :mod:`graphql_service.usage` (standard library only) without
loading the service.
"""
