"""Regular expressions as fzcheck runs them: compiled once per machine (``rx``), held to a
complexity budget before a rule or lexicon file may use them (``patternbudget``), and jieba's
tokens for the rules that ask for words (``tokens``, loaded only then).

May import: ``checker.base``.
"""
