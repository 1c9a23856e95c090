"""Rendering: terminal tables (rich), data (JSON/CSV) and print-ready workbooks (openpyxl).

A function here never computes a figure; it lays out what ``card``/``pipeline`` produced.
"""
