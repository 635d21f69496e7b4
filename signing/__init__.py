"""Madoguchi package `signing`."""
