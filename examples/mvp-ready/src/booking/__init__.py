"""Online booking of a first appointment at the clinic."""
