SELECT sum(x) OVER w FROM t WINDOW w AS (ORDER BY y); -- AS (
/* x AS ( */ SELECT 'a AS (';