"""Villages and communities (五务公开): finance, notices with objections, residents' issues."""
