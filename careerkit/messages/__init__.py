"""Message catalog modules, one per area; see :mod:`careerkit.i18n`."""
