"""Awards programs, their categories and scoring rubrics, and who holds which role in them."""
