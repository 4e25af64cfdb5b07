"""What the runner's record adds up to: adherence (which planned sessions were missed) and the
flags a physiotherapist sees. Pure functions of a programme, a journal and the days asked
about; the runner's calendar and the clinician's patient list both call them."""
