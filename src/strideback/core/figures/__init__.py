"""Exercise figures: one articulated body, key poses as joint angles, forward kinematics,
contacts, tempo and SVG. Pure Python, no Django, no clock: the app, the command line and the
printed handout all draw from here, so they cannot disagree."""
