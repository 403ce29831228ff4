"""A synthetic corpus of French administrative documents, with ground truth.

`python -m bench.corpus.generate OUT --seed 7 --count 120` writes documents of
every type (and hostile files with --hostile) plus `truth.json`. Everything is
derived from the seed; the fonts come from the system (see fonts.py).
"""
