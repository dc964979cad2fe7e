"""The capture screen's background threads: the camera preview loop and the scan loop."""
