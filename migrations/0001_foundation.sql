-- Palm Hall foundation: catalogue, service points, windows, calendar.
-- Portable between SQLite and PostgreSQL: TEXT, BIGINT, DOUBLE PRECISION; JSON kept as TEXT; no autoincrement.

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE departments (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    sort BIGINT NOT NULL
);

CREATE TABLE service_items (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    department_code TEXT NOT NULL REFERENCES departments (code),
    legal_basis TEXT NOT NULL,
    statutory_days BIGINT NOT NULL,
    promised_days BIGINT NOT NULL,
    handling TEXT NOT NULL,
    online_depth BIGINT NOT NULL,
    visits BIGINT NOT NULL,
    fee TEXT NOT NULL,
    audience TEXT NOT NULL,
    levels TEXT NOT NULL,          -- JSON array of point kinds
    life_events TEXT NOT NULL,     -- JSON array
    summary TEXT NOT NULL,
    conditions TEXT NOT NULL,
    materials TEXT NOT NULL,       -- JSON array of materials
    steps TEXT NOT NULL,           -- JSON array of steps
    -- Search: name + material names, and the pinyin initials of the name (营业执照 → yyzz).
    search_text TEXT NOT NULL,
    search_initials TEXT NOT NULL
);

CREATE INDEX service_items_department ON service_items (department_code);

CREATE TABLE service_points (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    town_code TEXT NOT NULL,
    town_name TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    hours TEXT NOT NULL            -- JSON OpeningHours
);

CREATE TABLE point_items (
    point_id TEXT NOT NULL REFERENCES service_points (id),
    item_code TEXT NOT NULL REFERENCES service_items (code),
    PRIMARY KEY (point_id, item_code)
);

CREATE INDEX point_items_item ON point_items (item_code);

CREATE TABLE windows (
    id TEXT PRIMARY KEY,
    point_id TEXT NOT NULL REFERENCES service_points (id),
    number BIGINT NOT NULL,
    department_code TEXT NOT NULL REFERENCES departments (code),
    name TEXT NOT NULL
);

-- China's public holidays ('holiday') and make-up workdays ('workday'), editable by administrators.
CREATE TABLE calendar_days (
    day TEXT PRIMARY KEY,          -- YYYY-MM-DD
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);

-- Years whose State Council calendar has been entered; other years are weekends-only.
CREATE TABLE calendar_years (
    year BIGINT PRIMARY KEY,
    source TEXT NOT NULL
);
