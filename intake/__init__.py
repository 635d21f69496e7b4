"""Madoguchi package `intake`."""
