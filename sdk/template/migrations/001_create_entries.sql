-- One appreciation one partner gave the other, on a day. Tables start with the plugin's
-- prefix ("appreciation_"); the host refuses anything else.
CREATE TABLE appreciation_entry (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    giver TEXT NOT NULL,
    text TEXT NOT NULL CHECK (length(text) > 0),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX appreciation_entry_unit_day ON appreciation_entry (unit_id, day);
