"""Static files of the web chat; a package so that setuptools ships them."""
