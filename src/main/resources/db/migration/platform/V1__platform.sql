-- Reference data shared by every module: China's 31 provincial-level regions
-- with the climate exposure that drives risk rules and home-safety advice.
create table region (
    code        char(2) primary key,          -- first two digits of the resident ID number
    name_zh     text not null,
    name_en     text not null,
    climate     text not null check (climate in ('TYPHOON_COAST','RAINY_SOUTH','COLD_NORTH','ARID_WEST','TEMPERATE')),
    area        text not null check (area in ('NORTH','NORTHEAST','EAST','SOUTH_CENTRAL','SOUTHWEST','NORTHWEST'))
);

insert into region (code, name_zh, name_en, climate, area) values
 ('11','北京市','Beijing','COLD_NORTH','NORTH'),
 ('12','天津市','Tianjin','COLD_NORTH','NORTH'),
 ('13','河北省','Hebei','COLD_NORTH','NORTH'),
 ('14','山西省','Shanxi','COLD_NORTH','NORTH'),
 ('15','内蒙古自治区','Inner Mongolia','COLD_NORTH','NORTH'),
 ('21','辽宁省','Liaoning','COLD_NORTH','NORTHEAST'),
 ('22','吉林省','Jilin','COLD_NORTH','NORTHEAST'),
 ('23','黑龙江省','Heilongjiang','COLD_NORTH','NORTHEAST'),
 ('31','上海市','Shanghai','TYPHOON_COAST','EAST'),
 ('32','江苏省','Jiangsu','RAINY_SOUTH','EAST'),
 ('33','浙江省','Zhejiang','TYPHOON_COAST','EAST'),
 ('34','安徽省','Anhui','RAINY_SOUTH','EAST'),
 ('35','福建省','Fujian','TYPHOON_COAST','EAST'),
 ('36','江西省','Jiangxi','RAINY_SOUTH','EAST'),
 ('37','山东省','Shandong','TEMPERATE','EAST'),
 ('41','河南省','Henan','TEMPERATE','SOUTH_CENTRAL'),
 ('42','湖北省','Hubei','RAINY_SOUTH','SOUTH_CENTRAL'),
 ('43','湖南省','Hunan','RAINY_SOUTH','SOUTH_CENTRAL'),
 ('44','广东省','Guangdong','TYPHOON_COAST','SOUTH_CENTRAL'),
 ('45','广西壮族自治区','Guangxi','TYPHOON_COAST','SOUTH_CENTRAL'),
 ('46','海南省','Hainan','TYPHOON_COAST','SOUTH_CENTRAL'),
 ('50','重庆市','Chongqing','RAINY_SOUTH','SOUTHWEST'),
 ('51','四川省','Sichuan','RAINY_SOUTH','SOUTHWEST'),
 ('52','贵州省','Guizhou','RAINY_SOUTH','SOUTHWEST'),
 ('53','云南省','Yunnan','TEMPERATE','SOUTHWEST'),
 ('54','西藏自治区','Tibet','ARID_WEST','SOUTHWEST'),
 ('61','陕西省','Shaanxi','TEMPERATE','NORTHWEST'),
 ('62','甘肃省','Gansu','ARID_WEST','NORTHWEST'),
 ('63','青海省','Qinghai','ARID_WEST','NORTHWEST'),
 ('64','宁夏回族自治区','Ningxia','ARID_WEST','NORTHWEST'),
 ('65','新疆维吾尔自治区','Xinjiang','ARID_WEST','NORTHWEST');

-- Spring Modulith's JDBC event publication registry (schema v2 for PostgreSQL): a listener that fails is retried, not lost.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash(serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
