//! A folder of articles: scan, tag index with counts, filter and sort.
//! No terminal types.
