"""Developer tools, not part of the site or the shipped package: benchmark, Lighthouse, search probe."""
