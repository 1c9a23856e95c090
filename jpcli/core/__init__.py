"""The pipeline as data: cell parsing, normalize, compute, card, explanations, shortfall plans."""
