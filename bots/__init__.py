"""Madoguchi package `bots`."""
