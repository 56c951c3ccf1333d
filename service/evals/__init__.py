"""Offline evaluation of briefs against hand-written eval cases."""
