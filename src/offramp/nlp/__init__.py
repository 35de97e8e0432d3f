"""Offramp's language layer: the actor dictionary and the spaCy pipeline components."""
