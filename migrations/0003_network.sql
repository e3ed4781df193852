-- The road network the 15-minute zones are computed on, and where people live (issue 4).
-- Node and segment ids are dense (0..n) so the network loads straight into the zone search's arrays.

CREATE TABLE road_nodes (
    id BIGINT PRIMARY KEY,
    lat DOUBLE PRECISION NOT NULL,      -- WGS-84
    lon DOUBLE PRECISION NOT NULL
);

-- Undirected segments between two nodes, with a road class ('county' | 'town' | 'village' | 'path').
CREATE TABLE road_segments (
    id BIGINT PRIMARY KEY,
    a BIGINT NOT NULL REFERENCES road_nodes (id),
    b BIGINT NOT NULL REFERENCES road_nodes (id),
    class TEXT NOT NULL,
    length_m DOUBLE PRECISION NOT NULL
);

-- Every change of the network: the demo seed or an administrator's upload. The newest row describes the network
-- in use; the zones computed from it carry its id.
CREATE TABLE road_imports (
    id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL UNIQUE,         -- order of imports
    imported_at BIGINT NOT NULL,        -- Unix seconds, UTC
    source TEXT NOT NULL,               -- 'demo' | 'upload'
    mode TEXT NOT NULL,                 -- 'replace' | 'add'
    file_name TEXT NOT NULL,
    account_id TEXT,
    features BIGINT NOT NULL,
    nodes_added BIGINT NOT NULL,
    segments_added BIGINT NOT NULL,
    by_class TEXT NOT NULL,             -- JSON: segments added per class
    nodes_total BIGINT NOT NULL,
    segments_total BIGINT NOT NULL
);

-- Administrative villages and communities (村委会 / 社区) with the location of their committee.
CREATE TABLE villages (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    town_code TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL
);

-- Populated places (自然村) and their population: where the planners' coverage is measured.
CREATE TABLE populated_places (
    id TEXT PRIMARY KEY,
    village_code TEXT NOT NULL REFERENCES villages (code),
    name TEXT NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    lon DOUBLE PRECISION NOT NULL,
    population BIGINT NOT NULL
);

CREATE INDEX populated_places_village ON populated_places (village_code);
