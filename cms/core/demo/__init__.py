"""Demo content: realistic multilingual pages written from the programme's public facts.

Each app contributes a ``demo.py`` module with a ``load(ctx)`` function; the
``load_demo_data`` command calls them in dependency order. Every loader is
idempotent: pages are found by slug under their parent, snippets by key.
"""
