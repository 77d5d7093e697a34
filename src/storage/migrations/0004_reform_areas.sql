-- Version 4: the reform areas a case's measures are classified under (many per case).

CREATE TABLE case_reform_areas (
    case_id INTEGER NOT NULL REFERENCES cases (id),
    area    TEXT NOT NULL CHECK (area IN ('BOENDE', 'UTBILDNING', 'ARBETE', 'DEMOKRATI', 'BROTT',
                                          'ANNAT')),
    PRIMARY KEY (case_id, area)
) STRICT;
CREATE INDEX case_reform_areas_area ON case_reform_areas (area);
