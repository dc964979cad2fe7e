"""The imaging pipeline (numpy + OpenCV, Qt-free): from a camera frame or scan to a clean page."""
