-- The CoIL Challenge 2000 book (a Dutch insurer's customers, research use, cite van der Putten & van Someren 2000):
-- one row per customer of ticdata2000.txt (TRAIN, with the CARAVAN label) and ticeval2000.txt (EVAL, no label),
-- and one row per product the customer holds or pays a premium for.
create table coil_customer (
    source        text not null check (source in ('TRAIN','EVAL')),
    row_number    integer not null check (row_number > 0),      -- 1-based line of the customer in its file
    mostype       smallint not null,                             -- customer subtype 1-41
    maanthui      smallint not null,                             -- number of houses
    mgemomv       smallint not null,                             -- average household size
    mgemleef      smallint not null,                             -- average age band
    moshoofd      smallint not null check (moshoofd between 1 and 10), -- customer main type
    demographics  smallint[] not null check (cardinality(demographics) = 43), -- columns 1-43 in file order
    caravan       smallint check (caravan in (0, 1)),            -- TRAIN only; never invented for EVAL
    constraint coil_customer_label check ((source = 'TRAIN') = (caravan is not null)),
    primary key (source, row_number)
);
create index coil_customer_moshoofd_idx on coil_customer(moshoofd);

create table coil_holding (
    source        text not null,
    row_number    integer not null,
    product       text not null,                                 -- one of the 21 products, e.g. PERSAUT
    policies      smallint not null check (policies >= 0),       -- A* column: number of policies
    premium_band  smallint not null check (premium_band between 0 and 9), -- P* column: contribution band
    primary key (source, row_number, product),
    foreign key (source, row_number) references coil_customer(source, row_number) on delete cascade
);
create index coil_holding_product_idx on coil_holding(product);
