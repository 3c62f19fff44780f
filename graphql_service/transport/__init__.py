"""GraphQL over HTTP, in parts the ``/graphql`` door composes:

* :mod:`.negotiation`: media types, ``Accept`` and the status watershed;
* :mod:`.params`: the request's parameters, body and persisted queries;
* :mod:`.caching`: the response cache, ETags and ``304``;
* :mod:`.runner`: preparing and executing the operation.
"""
