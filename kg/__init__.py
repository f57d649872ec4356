"""newskg: knowledge graphs from news articles.

read corpus -> clean -> NLP -> extract -> resolve -> RDF -> analyse -> render/report
"""
__version__ = "0.1.0"
