-- The placement SQL's helper functions (V40, V44) are pure SQL expressions of their arguments: no table read, no write,
-- no state. They were declared IMMUTABLE but left PARALLEL UNSAFE (the default), which keeps every statement calling
-- them (each dimension's placement SELECT, the what-if previews) from a parallel plan. Declared PARALLEL SAFE now.
-- (segment_amount formats with to_char's group separator, which follows lc_numeric: IMMUTABLE as before, on the
-- understanding that the server's lc_numeric does not change under a running book.)
alter function segment_amount(numeric) parallel safe;
alter function segment_window_exit(date, integer) parallel safe;
alter function segment_next_birthday(date, date) parallel safe;
