"""System checks for this app's settings (filled in with the conversions)."""
