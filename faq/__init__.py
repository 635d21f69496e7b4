"""Madoguchi package `faq`."""
