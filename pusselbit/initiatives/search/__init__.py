"""Finding initiatives by what they are about: the index (index.py), the full-text search in
Swedish (fulltext.py) and the comparison by meaning (similar.py, tasks.py)."""
