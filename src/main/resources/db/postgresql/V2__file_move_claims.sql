-- Issue 9 §1: a unit claims its files (landing -> inprocess/<process id>/) before reading them. Every move records the
-- size and SHA-256 of the bytes it is meant to move; a move whose source no longer holds them is REFUSED with a note.
-- DESTINATION: ARCHIVE | ERROR | INPROCESS (a claim) | LANDING (returned after an abandoned or broken unit)
-- MOVE_STATUS: PENDING | DONE | MISSING | REFUSED | VOID (a claim written down that the unit ended before doing)
ALTER TABLE DCF_T_FILE_MOVE ADD COLUMN FILE_SIZE BIGINT;
ALTER TABLE DCF_T_FILE_MOVE ADD COLUMN FILE_SHA256 VARCHAR(64);
ALTER TABLE DCF_T_FILE_MOVE ADD COLUMN MOVE_NOTE VARCHAR(1000);
