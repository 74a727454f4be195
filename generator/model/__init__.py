"""Stage 2, model: typed models of the four file kinds, their scalars, parsing into models, JSON Schema."""
