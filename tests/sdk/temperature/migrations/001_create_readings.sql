-- One partner's part of a couple's weekly temperature reading: an appreciation and a puzzle,
-- and a sketch (bytes, optional) the partner drew. Tables start with "thermo_" (not "temperature_": a prefix may not begin with the reserved "temp").
CREATE TABLE thermo_reading (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES dyad_unit (id),
    client_id INTEGER NOT NULL REFERENCES dyad_client (id),
    day TEXT NOT NULL CHECK (length(day) = 10),
    appreciation TEXT NOT NULL,
    puzzle TEXT NOT NULL,
    sketch BLOB,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
CREATE INDEX thermo_reading_unit_day ON thermo_reading (unit_id, day);

-- Units whose weekly reading stopped: discharged (until active again).
CREATE TABLE thermo_paused (
    unit_id INTEGER PRIMARY KEY REFERENCES dyad_unit (id),
    since TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) STRICT;
