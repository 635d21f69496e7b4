"""Madoguchi package `core`."""
