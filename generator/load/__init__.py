"""Stage 1, load: read the data folder's files (YAML with the place of every value, brand files) into a data set."""
