-- highway_db demo data generator (高速公路服务区管理系统演示数据).
--
-- Run after schema.sql. Plain SQL and PL/pgSQL only: no psql meta-commands,
-- no extensions, no random(). Every "random" number is derived from md5() of a
-- stable key (area code, branch code, date, car type, ...), so the same run
-- date always yields exactly the same rows, and ids are the same on every run.
--
-- Idempotent and incremental:
--   * reference tables (company, section/route, service area, link, mapper,
--     branch) are inserted with ON CONFLICT DO NOTHING / NOT EXISTS;
--   * daily tables (business day data, car counts, plus the occasional new
--     mapper record) are produced by highway_demo_fill(from_date, to_date),
--     which this script calls for the gap between the last generated day and
--     yesterday. A day's figures are loaded after the day closes (T+1), as
--     daily statistics are in production: at 00:05 there is no full day of
--     today's revenue yet. A second run on the same day inserts nothing; a run
--     days later appends only the missing days.
--
-- The whole file can be sent as one JDBC Statement.execute(String).

-- ===========================================================================
-- 0. Drop older versions of the helper functions (nothing depends on them), so
--    a changed signature never blocks a rerun
-- ===========================================================================
DROP FUNCTION IF EXISTS public.highway_demo_seed();
DROP FUNCTION IF EXISTS public.highway_demo_fill(date, date);
DROP FUNCTION IF EXISTS public.highway_demo_day_factors(date, date);
DROP FUNCTION IF EXISTS public.highway_demo_car_units();
DROP FUNCTION IF EXISTS public.highway_demo_units();
DROP FUNCTION IF EXISTS public.highway_demo_branches();
DROP FUNCTION IF EXISTS public.highway_demo_area_info();
DROP FUNCTION IF EXISTS public.highway_demo_areas();
DROP FUNCTION IF EXISTS public.highway_demo_level(integer);
DROP FUNCTION IF EXISTS public.highway_demo_u(text, integer);
DROP FUNCTION IF EXISTS public.highway_demo_b16(bytea, integer);
DROP FUNCTION IF EXISTS public.highway_demo_h(text, integer);

-- ===========================================================================
-- 1. Hash helpers
-- ===========================================================================

-- Uniform number in [0,1) from 32 bits of an md5 hex string (slot 0..3).
CREATE OR REPLACE FUNCTION public.highway_demo_h(p_md5 text, p_slot integer)
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (('x' || substr(p_md5, 1 + 8 * p_slot, 8))::bit(32)::bigint)::double precision / 4294967296.0
$$;

-- Uniform number in [0,1) from 16 bits of a 16-byte md5 digest (slot 0..7).
CREATE OR REPLACE FUNCTION public.highway_demo_b16(p_md5 bytea, p_slot integer)
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (get_byte(p_md5, 2 * p_slot) * 256 + get_byte(p_md5, 2 * p_slot + 1))::double precision / 65536.0
$$;

-- Uniform number in [0,1) for a key; slots 0..3 share one md5, higher slots
-- use md5(key#n).
CREATE OR REPLACE FUNCTION public.highway_demo_u(p_key text, p_slot integer DEFAULT 0)
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT public.highway_demo_h(
           md5(CASE WHEN p_slot < 4 THEN p_key ELSE p_key || '#' || (p_slot / 4)::text END),
           p_slot % 4)
$$;

-- Traffic / revenue level of a year (2023 = 1.0).
CREATE OR REPLACE FUNCTION public.highway_demo_level(p_year integer)
RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE
           WHEN p_year <= 2022 THEN 0.82
           WHEN p_year = 2023 THEN 1.00
           WHEN p_year = 2024 THEN 1.05
           WHEN p_year = 2025 THEN 1.09
           WHEN p_year = 2026 THEN 1.12
           ELSE 1.12 + 0.02 * (p_year - 2026)
         END::double precision
$$;

-- ===========================================================================
-- 2. Service areas (the master list everything else derives from)
-- ===========================================================================
-- kind: I 信息化服务区/开放, Z 智能化服务区/开放, C 关闭, U 上传数据, D soft-deleted
-- src : source system of its daily business rows: 0 商业管理 (per 档口, code =
--       service_area_no), 4 手工录入 (per 档口, code = service_area_no),
--       1 驿购 / 3 驿美 (per direction, system-specific code), - none
-- nbr : business rows per day
-- car : O car counts (其他 only), T all car types, P 其他/城际/过境, - none
-- size: X flagship, L large, M medium, S small, T tiny
-- dir : EW -> 东区/西区, NS -> 南区/北区
CREATE OR REPLACE FUNCTION public.highway_demo_areas()
RETURNS TABLE(idx integer, no text, name text, comp text, sec text, lon numeric, lat numeric,
              kind text, src text, nbr integer, car text, size text, dir text)
LANGUAGE sql IMMUTABLE AS $$
SELECT v.idx::integer, v.no::text, v.name::text, v.comp::text, v.sec::text, v.lon::numeric, v.lat::numeric,
       v.kind::text, v.src::text, v.nbr::integer, v.car::text, v.size::text, v.dir::text
FROM (VALUES
  -- 南昌分公司 H01
  (  1,'H0101','乐化服务区','H01','SR0004',115.842,28.861,'I','0',2,'-','L','NS'),
  (  2,'H0102','温家圳服务区','H01','SR0007',116.252,28.402,'I','4',2,'-','M','EW'),
  (  3,'H0103','进贤服务区','H01','SR0007',116.241,28.371,'I','1',2,'T','M','EW'),
  (  4,'H0104','厚田服务区','H01','SR0008',115.731,28.332,'I','4',1,'-','S','EW'),
  (  5,'H0105','南昌南服务区','H01','SR0005',115.910549,28.396355,'Z','1',2,'T','X','NS'),
  (  6,'H0106','生米服务区','H01','SR0026',115.802,28.603,'I','0',2,'-','M','NS'),
  (  7,'H0107','蒋巷服务区','H01','SR0002',116.103,28.552,'I','4',1,'-','S','NS'),
  (  8,'H0108','向塘服务区','H01','SR0002',115.972,28.451,'I','3',2,'O','M','NS'),
  (  9,'H0109','梅岭服务区','H01','SR0020',115.701,28.783,'I','0',2,'-','M','EW'),
  ( 10,'H0110','安义服务区','H01','SR0020',115.552,28.842,'I','4',1,'-','S','EW'),
  ( 11,'H0111','新祺周停车区','H01','SR0004',115.801,28.801,'I','-',0,'O','T','NS'),
  -- 宜春分公司 H02
  ( 12,'H0201','宜春服务区','H02','SR0001',114.391,27.801,'I','1',2,'T','L','NS'),
  ( 13,'H0202','上高服务区','H02','SR0017',114.923,28.231,'I','1',2,'O','M','EW'),
  ( 14,'H0203','樟树服务区','H02','SR0006',115.541,28.052,'I','0',3,'-','L','NS'),
  ( 15,'H0204','高安服务区','H02','SR0001',115.372,28.421,'I','4',2,'-','M','EW'),
  ( 16,'H0205','分宜服务区','H02','SR0001',114.692,27.812,'I','0',2,'-','M','EW'),
  ( 17,'H0206','新余服务区','H02','SR0001',114.921,27.822,'I','1',2,'T','L','EW'),
  ( 18,'H0207','万载服务区','H02','SR0031',114.442,28.103,'I','4',1,'-','S','EW'),
  ( 19,'H0208','丰城服务区','H02','SR0005',115.772,28.161,'I','4',2,'-','M','NS'),
  ( 20,'H0209','明月山服务区','H02','SR0001',114.282,27.621,'I','-',0,'O','M','EW'),
  ( 21,'H0210','宜丰服务区','H02','SR0017',114.801,28.392,'I','4',1,'-','S','EW'),
  ( 22,'H0211','奉新服务区','H02','SR0033',115.382,28.701,'I','3',1,'O','S','EW'),
  ( 23,'H0212','靖安服务区','H02','SR0038',115.361,28.861,'I','4',1,'-','S','NS'),
  ( 24,'H0213','铜鼓服务区','H02','SR0033',114.372,28.521,'I','-',0,'O','S','EW'),
  ( 25,'H0214','仙女湖服务区','H02','SR0001',114.801,27.701,'I','0',2,'-','M','EW'),
  -- 上饶分公司 H03
  ( 26,'H0301','上饶服务区','H03','SR0007',117.942,28.452,'I','0',2,'-','L','NS'),
  ( 27,'H0302','三清山服务区','H03','SR0027',118.051,28.901,'Z','0',2,'-','L','NS'),
  ( 28,'H0303','婺源服务区','H03','SR0014',117.862,29.251,'I','1',2,'T','M','NS'),
  ( 29,'H0304','玉山服务区','H03','SR0007',118.242,28.681,'I','4',2,'-','M','EW'),
  ( 30,'H0305','弋阳服务区','H03','SR0007',117.451,28.402,'I','4',1,'-','M','EW'),
  ( 31,'H0306','横峰服务区','H03','SR0007',117.601,28.411,'I','-',0,'O','S','EW'),
  ( 32,'H0307','鹰潭服务区','H03','SR0007',117.031,28.241,'I','1',2,'T','L','EW'),
  ( 33,'H0308','余江服务区','H03','SR0019',116.822,28.202,'I','4',1,'-','S','NS'),
  ( 34,'H0309','贵溪服务区','H03','SR0019',117.212,28.282,'I','3',2,'O','M','NS'),
  ( 35,'H0310','龙虎山服务区','H03','SR0019',117.052,28.101,'I','0',2,'-','M','NS'),
  ( 36,'H0311','鄱阳服务区','H03','SR0035',116.672,29.001,'I','4',1,'-','S','NS'),
  ( 37,'H0312','德兴服务区','H03','SR0016',117.582,28.951,'I','-',0,'O','S','EW'),
  -- 赣州分公司 H04
  ( 38,'H0401','赣州服务区','H04','SR0010',114.932,25.831,'I','0',2,'-','L','NS'),
  ( 39,'H0402','南康服务区','H04','SR0011',114.762,25.661,'I','4',2,'-','M','EW'),
  ( 40,'H0403','于都服务区','H04','SR0012',115.412,25.951,'I','3',2,'O','M','NS'),
  ( 41,'H0404','瑞金服务区','H04','SR0012',116.031,25.891,'Z','1',2,'T','L','EW'),
  ( 42,'H0405','信丰服务区','H04','SR0010',114.921,25.391,'I','4',2,'-','M','NS'),
  ( 43,'H0406','大余服务区','H04','SR0011',114.362,25.401,'I','4',1,'-','S','EW'),
  ( 44,'H0407','龙南服务区','H04','SR0010',114.792,24.911,'I','0',2,'-','M','NS'),
  ( 45,'H0408','定南服务区','H04','SR0034',115.031,24.781,'I','-',0,'O','S','NS'),
  ( 46,'H0409','安远服务区','H04','SR0034',115.392,25.141,'I','4',1,'-','S','NS'),
  ( 47,'H0410','会昌服务区','H04','SR0012',115.791,25.601,'I','4',1,'-','S','EW'),
  ( 48,'H0411','兴国服务区','H04','SR0022',115.362,26.341,'I','0',2,'-','M','NS'),
  ( 49,'H0412','宁都服务区','H04','SR0034',116.012,26.471,'I','3',1,'O','M','NS'),
  ( 50,'H0413','石城服务区','H04','SR0022',116.351,26.331,'I','-',0,'O','S','EW'),
  ( 51,'H0414','信丰西服务区','H04','SR0010',114.802,25.401,'I','3',1,'O','M','EW'),
  ( 52,'H0415','南康北服务区','H04','SR0011',114.752,25.751,'I','1',2,'T','M','NS'),
  -- 九江分公司 H05
  ( 53,'H0501','庐山服务区','H05','SR0004',116.042,29.451,'Z','0',1,'P','L','EW'),
  ( 54,'H0502','九江服务区','H05','SR0025',115.992,29.711,'I','1',2,'T','L','EW'),
  ( 55,'H0503','德安服务区','H05','SR0004',115.762,29.311,'I','4',2,'-','M','NS'),
  ( 56,'H0504','永修服务区','H05','SR0004',115.812,29.021,'I','0',2,'-','M','NS'),
  ( 57,'H0505','共青城服务区','H05','SR0004',115.811,29.251,'I','4',1,'-','S','NS'),
  ( 58,'H0506','湖口服务区','H05','SR0013',116.252,29.731,'I','3',1,'O','S','EW'),
  ( 59,'H0507','彭泽服务区','H05','SR0028',116.552,29.901,'I','-',0,'O','S','EW'),
  ( 60,'H0508','瑞昌服务区','H05','SR0015',115.682,29.681,'I','4',1,'-','S','EW'),
  ( 61,'H0509','武宁服务区','H05','SR0032',115.102,29.261,'I','0',2,'-','M','NS'),
  ( 62,'H0510','修水服务区','H05','SR0037',114.552,29.031,'I','4',1,'-','S','EW'),
  ( 63,'H0511','都昌服务区','H05','SR0029',116.202,29.271,'I','4',1,'-','S','NS'),
  -- 抚州分公司 H06
  ( 64,'H0601','南城服务区','H06','SR0019',116.642,27.561,'I','0',2,'-','M','EW'),
  ( 65,'H0602','抚州服务区','H06','SR0030',116.362,27.951,'I','1',2,'T','L','EW'),
  ( 66,'H0603','临川服务区','H06','SR0018',116.312,27.931,'I','4',2,'-','M','EW'),
  ( 67,'H0604','崇仁服务区','H06','SR0018',116.062,27.761,'I','4',1,'-','S','EW'),
  ( 68,'H0605','金溪服务区','H06','SR0019',116.762,27.911,'I','0',2,'-','M','EW'),
  ( 69,'H0606','宜黄服务区','H06','SR0002',116.232,27.551,'I','-',0,'O','S','NS'),
  ( 70,'H0607','乐安服务区','H06','SR0018',115.832,27.421,'I','4',1,'-','S','EW'),
  ( 71,'H0608','黎川服务区','H06','SR0019',116.912,27.281,'I','3',1,'O','S','NS'),
  ( 72,'H0609','南丰服务区','H06','SR0002',116.522,27.221,'I','4',2,'-','M','NS'),
  ( 73,'H0610','广昌服务区','H06','SR0002',116.332,26.841,'I','0',2,'-','M','NS'),
  ( 74,'H0611','资溪服务区','H06','SR0019',117.062,27.701,'I','-',0,'O','T','EW'),
  ( 75,'H0612','东乡服务区','H06','SR0007',116.602,28.241,'I','4',1,'-','M','EW'),
  -- 景德镇分公司 H07
  ( 76,'H0701','景德镇服务区','H07','SR0013',117.182,29.271,'I','0',3,'-','L','EW'),
  ( 77,'H0702','浮梁服务区','H07','SR0014',117.222,29.351,'I','4',1,'-','S','NS'),
  ( 78,'H0703','乐平服务区','H07','SR0016',117.132,28.961,'I','1',2,'O','M','NS'),
  ( 79,'H0704','瑶里服务区','H07','SR0014',117.582,29.551,'I','-',0,'O','S','NS'),
  ( 80,'H0705','昌江服务区','H07','SR0013',117.172,29.301,'I','4',1,'-','S','EW'),
  ( 81,'H0706','经公桥服务区','H07','SR0014',117.502,29.601,'I','0',2,'-','S','NS'),
  ( 82,'H0707','涌山服务区','H07','SR0016',117.422,28.851,'I','4',1,'-','S','NS'),
  ( 83,'H0708','洪岩服务区','H07','SR0035',117.302,29.051,'C','4',1,'-','T','NS'),
  ( 84,'H0709','景德镇北服务区','H07','SR0035',117.202,29.401,'I','4',1,'-','M','NS'),
  ( 85,'H0710','鲇鱼山服务区','H07','SR0013',117.052,29.101,'I','-',0,'O','S','EW'),
  -- 吉安分公司 H08
  ( 86,'H0801','吉安服务区','H08','SR0006',114.992,27.111,'I','1',2,'T','L','NS'),
  ( 87,'H0802','井冈山服务区','H08','SR0003',114.292,26.751,'Z','3',2,'T','L','EW'),
  ( 88,'H0803','泰和服务区','H08','SR0009',114.902,26.791,'I','4',2,'-','M','NS'),
  ( 89,'H0804','永丰南服务区','H08','SR0018',115.402,27.051,'I','0',2,'-','M','EW'),
  ( 90,'H0805','遂川服务区','H08','SR0003',114.522,26.311,'I','4',1,'-','S','EW'),
  ( 91,'H0806','永丰服务区','H08','SR0018',115.362656,27.227814,'I','1',1,'O','M','EW'),
  ( 92,'H0807','万安服务区','H08','SR0009',114.782,26.461,'I','4',1,'-','S','NS'),
  ( 93,'H0808','吉水服务区','H08','SR0006',115.132,27.211,'I','4',1,'-','S','NS'),
  ( 94,'H0809','峡江服务区','H08','SR0006',115.322,27.581,'I','0',2,'-','S','NS'),
  ( 95,'H0810','新干服务区','H08','SR0006',115.392,27.741,'I','4',2,'-','M','NS'),
  ( 96,'H0811','银湾桥服务区','H08','SR0017',114.857064,27.240747,'I','1',1,'O','S','EW'),
  ( 97,'H0812','吉安西服务区','H08','SR0021',114.842,27.111,'I','0',2,'O','M','NS'),
  ( 98,'H0813','安福服务区','H08','SR0017',114.622,27.391,'I','4',1,'-','S','EW'),
  ( 99,'H0814','白鹭湖停车区','H08','SR0009',114.574721,26.825584,'I','4',1,'-','T','NS'),
  (100,'H0815','七里岗服务区','H08','SR0018',115.002,27.351,'I','1',1,'O','S','NS'),
  (101,'H0816','吉安南服务区','H08','SR0009',114.952,26.981,'D','-',0,'-','S','NS'),
  -- 其他公司管辖 Q01 / 未归属分公司
  (102,'Q0101','萍乡服务区','Q01','SR0001',113.852,27.621,'I','3',2,'O','M','EW'),
  (103,'Q0102','芦溪服务区','Q01','SR0001',114.032,27.631,'I','-',0,'O','S','EW'),
  (104,'Q0103','铅山服务区',NULL,'SR0027',117.796075,28.175742,'I','1',1,'O','S','NS'),
  (105,'Q0104','莲花服务区',NULL,'SR0021',113.962,27.131,'I','-',0,'O','S','EW'),
  (106,'Q0105','安源服务区',NULL,'SR0031',113.872,27.651,'I','-',0,'O','S','EW'),
  (107,'Q0106','武功山服务区',NULL,'SR0031',114.182,27.461,'I','-',0,'O','S','EW'),
  (108,'Q0107','上栗服务区',NULL,'SR0031',113.802,27.881,'I','-',0,'O','T','NS'),
  (109,'Q0108','湘东服务区',NULL,'SR0001',113.732,27.641,'C','-',0,'-','S','EW'),
  (110,'Q0109','鹰潭东服务区',NULL,'SR0035',117.152,28.231,'I','1',1,'O','S','NS'),
  (111,'Q0110','紫阳服务区',NULL,'SR0014',117.852,29.241,'U','-',0,'-','S','NS'),
  (112,'Q0111','柘林服务区',NULL,'SR0032',115.452,29.221,'I','-',0,'O','S','EW'),
  (113,'Q0112','修河服务区',NULL,'SR0037',115.202,29.101,'I','-',0,'-','S','EW'),
  (114,'Q0113','大茅山服务区',NULL,'SR0016',117.752,28.921,'U','-',0,'-','S','EW'),
  (115,'Q0114','鄱湖停车区',NULL,'SR0029',116.402,29.121,'I','-',0,'O','T','NS'),
  (116,'Q0115','蓼南服务区',NULL,'SR0029',116.302,29.151,'I','-',0,'-','S','NS'),
  (117,'Q0116','罗坊服务区',NULL,'SR0031',115.102,27.851,'I','-',0,'O','S','EW'),
  (118,'Q0117','石鼓停车区',NULL,'SR0022',115.702,26.551,'C','-',0,'-','T','NS'),
  (119,'Q0118','坪山服务区',NULL,'SR0036',114.402,25.701,'U','-',0,'-','S','NS'),
  (120,'Q0119','赣江新区服务区',NULL,'SR0004',115.882,28.951,'I','-',0,'O','M','NS'),
  (121,'Q0120','崇义服务区',NULL,'SR0036',114.312,25.681,'I','-',0,'O','S','EW')
) AS v(idx, no, name, comp, sec, lon, lat, kind, src, nbr, car, size, dir)
$$;

-- Derived per-area attributes (ids, names, hashes, flags).
CREATE OR REPLACE FUNCTION public.highway_demo_area_info()
RETURNS TABLE(idx integer, no text, name text, comp text, sec text, kind text, src text, nbr integer,
              car text, size text, id text, company_id text, section_id text, short text, bdd_name text,
              pos text, area_type text, state text, deleted boolean, opened date, closed date,
              dir1 text, dir2 text, yg text, ym text, scale double precision, cash double precision,
              zfb double precision, xs double precision, ticket double precision, growth double precision,
              n_shops integer, has_shops boolean, linked boolean,
              m_b boolean, m_g boolean, m_y boolean, m_m boolean, m_s boolean)
LANGUAGE sql STABLE AS $$
WITH a AS (
  SELECT a.*,
         public.highway_demo_u('hw:area:' || a.no, 0) AS u0, public.highway_demo_u('hw:area:' || a.no, 1) AS u1,
         public.highway_demo_u('hw:area:' || a.no, 2) AS u2, public.highway_demo_u('hw:area:' || a.no, 3) AS u3,
         public.highway_demo_u('hw:area:' || a.no, 4) AS u4, public.highway_demo_u('hw:area:' || a.no, 5) AS u5,
         public.highway_demo_u('hw:area:' || a.no, 6) AS u6, public.highway_demo_u('hw:area:' || a.no, 7) AS u7,
         public.highway_demo_u('hw:area:' || a.no, 8) AS u8, public.highway_demo_u('hw:area:' || a.no, 9) AS u9,
         public.highway_demo_u('hw:area:' || a.no, 10) AS u10, public.highway_demo_u('hw:area:' || a.no, 11) AS u11,
         public.highway_demo_u('hw:area:' || a.no, 12) AS u12, public.highway_demo_u('hw:area:' || a.no, 13) AS u13
  FROM public.highway_demo_areas() a
),
-- codes in the 驿购 / 驿美 systems: a few are fixed, the rest come from pools
ov(no, yg, ym) AS (VALUES
  ('H0201','1028',NULL), ('H0202','1027',NULL), ('H0415','1062',NULL), ('H0806','1008',NULL),
  ('H0811','1015',NULL), ('H0815','1004',NULL), ('H0414',NULL,'1067')
),
gpool AS (
  SELECT n::text AS code, row_number() OVER (ORDER BY n) AS rn
  FROM generate_series(1001, 1199) n
  WHERE n::text NOT IN ('1028','1027','1062','1008','1015','1004','1067')
),
gneed AS (
  SELECT a.no, row_number() OVER (ORDER BY a.idx) AS rn
  FROM a LEFT JOIN ov ON ov.no = a.no WHERE ov.yg IS NULL
),
ypool AS (
  SELECT n::text AS code, row_number() OVER (ORDER BY n) AS rn FROM generate_series(1201, 1399) n
),
yneed AS (
  SELECT a.no, row_number() OVER (ORDER BY a.idx) AS rn
  FROM a LEFT JOIN ov ON ov.no = a.no WHERE ov.ym IS NULL
),
codes AS (
  SELECT a.no,
         coalesce(ov.yg, (SELECT p.code FROM gneed g JOIN gpool p ON p.rn = g.rn WHERE g.no = a.no)) AS yg,
         coalesce(ov.ym, (SELECT p.code FROM yneed y JOIN ypool p ON p.rn = y.rn WHERE y.no = a.no)) AS ym
  FROM a LEFT JOIN ov ON ov.no = a.no
)
SELECT a.idx, a.no, a.name, a.comp, a.sec, a.kind, a.src, a.nbr, a.car, a.size,
       md5('hw:area:' || a.no) AS id,
       CASE WHEN a.comp IS NULL THEN NULL ELSE md5('hw:company:' || a.comp) END AS company_id,
       md5('hw:section:' || a.sec) AS section_id,
       regexp_replace(a.name, '(服务区|停车区)$', '') AS short,
       CASE WHEN a.no = 'H0804' THEN a.name || '(新)' ELSE a.name END AS bdd_name,
       round(a.lon + CASE WHEN scale(a.lon) <= 3 THEN floor(a.u12 * 1000)::numeric / 1000000 ELSE 0 END, 6)::text
         || ',' ||
       round(a.lat + CASE WHEN scale(a.lat) <= 3 THEN floor(a.u13 * 1000)::numeric / 1000000 ELSE 0 END, 6)::text
         AS pos,
       CASE WHEN a.kind = 'Z' THEN '智能化服务区' ELSE '信息化服务区' END AS area_type,
       CASE a.kind WHEN 'C' THEN '关闭' WHEN 'U' THEN '上传数据' ELSE '开放' END AS state,
       a.kind = 'D' AS deleted,
       CASE a.no WHEN 'H0415' THEN DATE '2023-01-18' WHEN 'Q0119' THEN DATE '2024-06-01'
                 ELSE DATE '2021-01-01' END AS opened,
       CASE a.no WHEN 'H0708' THEN DATE '2022-01-06' WHEN 'Q0108' THEN DATE '2021-11-01'
                 WHEN 'Q0117' THEN DATE '2021-12-01' ELSE NULL END AS closed,
       CASE WHEN a.dir = 'EW' THEN '东区' ELSE '南区' END AS dir1,
       CASE WHEN a.dir = 'EW' THEN '西区' ELSE '北区' END AS dir2,
       c.yg, c.ym,
       0.75 + 0.5 * a.u0 AS scale,
       0.03 + 0.25 * a.u1 * a.u1 * a.u1 + CASE WHEN a.size IN ('S', 'T') THEN 0.05 ELSE 0 END AS cash,
       0.02 + 0.05 * a.u2 AS zfb,
       CASE WHEN a.src = '0' AND a.u3 < 0.45 THEN 0.004 + 0.02 * a.u4 ELSE 0 END AS xs,
       CASE WHEN a.size = 'X' THEN 36 ELSE 20 + 10 * a.u5 END AS ticket,
       -0.02 + 0.07 * a.u6 AS growth,
       CASE a.size WHEN 'X' THEN 16 WHEN 'L' THEN 12 + floor(a.u7 * 5)::int
                   WHEN 'M' THEN 8 + floor(a.u7 * 5)::int WHEN 'S' THEN 4 + floor(a.u7 * 4)::int
                   ELSE 1 END AS n_shops,
       a.comp IS NOT NULL AND a.comp <> 'Q01' AND a.kind NOT IN ('D', 'U') AS has_shops,
       a.kind <> 'D' AND (a.car <> '-' OR a.u8 < 0.4) AS linked,
       -- mapper memberships: 商业管理 / 驿购 / 驿美 / 手工录入 / 司乘管理
       a.kind <> 'D' AND a.no <> 'Q0115' AND (a.src IN ('0', '-') OR (a.src IN ('1', '3') AND a.u9 < 0.7)
                                              OR (a.src = '4' AND (a.u9 < 0.15 OR a.u10 < 0.08))) AS m_b,
       a.kind <> 'D' AND a.no <> 'Q0115' AND (a.src = '1' OR a.u10 < 0.45) AS m_g,
       a.kind <> 'D' AND a.no <> 'Q0115' AND (a.src = '3' OR a.u11 < 0.22) AS m_y,
       a.kind <> 'D' AND a.no <> 'Q0115' AND a.src = '4' AND a.u10 >= 0.08 AS m_m,
       a.kind <> 'D' AND a.no <> 'Q0115' AND (a.car <> '-' OR a.u11 > 0.55) AS m_s
FROM a JOIN codes c ON c.no = a.no
$$;

-- ===========================================================================
-- 3. Branches (档口)
-- ===========================================================================
CREATE OR REPLACE FUNCTION public.highway_demo_branches()
RETURNS TABLE(area_no text, branch_no text, branch_name text, classify text, product_brand text,
              category text, direction text, rep_rank integer, is_manual_entry integer,
              created_by text, create_ts timestamp, updated_by text, update_ts timestamp,
              version integer, delete_ts timestamp, deleted_by text, co_company text)
LANGUAGE sql STABLE AS $$
WITH a AS (SELECT * FROM public.highway_demo_area_info() WHERE has_shops),
cat(classify, brand, category, label, co) AS (VALUES
  ('餐饮','驿美餐饮','餐饮','驿美餐饮','江西驿美餐饮管理有限责任公司'),
  ('餐饮','小圆满（自助餐）','中餐','餐饮',NULL),
  ('餐饮','如意菜饭','中餐','如意菜饭',NULL),
  ('餐饮','鲜徕客','快餐','鲜徕客',NULL),
  ('餐饮','老乡鸡','快餐','老乡鸡','安徽老乡鸡餐饮有限公司'),
  ('餐饮','赣味坊','中餐','餐饮',NULL),
  ('餐饮','肯德基','西式快餐','肯德基','百胜餐饮（武汉）有限公司'),
  ('餐饮','乡村基','快餐','乡村基','重庆乡村基快餐有限公司'),
  ('餐饮','客家土菜馆','中餐','土菜馆',NULL),
  ('餐饮','米村拌饭','快餐','拌饭','米村餐饮管理有限公司'),
  ('小吃','百色百味','小吃','小吃',NULL),
  ('小吃','润仟祥','小吃','小吃',NULL),
  ('小吃','南昌拌粉','粉面','拌粉',NULL),
  ('小吃','沙县小吃','小吃','沙县小吃',NULL),
  ('小吃','兰州拉面','面食','拉面',NULL),
  ('小吃','南昌瓦罐汤','汤品','瓦罐汤',NULL),
  ('小吃','煌上煌','卤味','煌上煌','江西煌上煌集团食品股份有限公司'),
  ('小吃','周黑鸭','卤味','周黑鸭','湖北周黑鸭食品工业园有限公司'),
  ('小吃','绝味鸭脖','卤味','绝味','绝味食品股份有限公司'),
  ('小吃','萍乡小炒肉','小吃','小炒',NULL),
  ('小吃','客家酿豆腐','小吃','客家小吃',NULL),
  ('小吃','肉夹馍','面食','肉夹馍',NULL),
  ('小吃','驿美包子','早餐','包子','江西驿美餐饮管理有限责任公司'),
  ('小吃','脆皮烤肠','烧烤','烤肠',NULL),
  ('小吃','鸡蛋灌饼','早餐','灌饼',NULL),
  ('便利店','驿购便利店','便利店','便利店','江西驿购商贸有限公司'),
  ('便利店','易捷便利店','便利店','易捷','中国石化销售股份有限公司江西石油分公司'),
  ('便利店','昆仑好客','便利店','昆仑好客','中国石油天然气股份有限公司江西销售分公司'),
  ('便利店','驿购超市','超市','超市','江西驿购商贸有限公司'),
  ('其他','半斗米水果','水果','水果店','杭州半斗米水果连锁有限公司'),
  ('其他','赣品特产','特产','特产','江西赣品天下商贸有限公司'),
  ('其他','瑞幸咖啡','咖啡','咖啡','瑞幸咖啡（中国）有限公司'),
  ('其他','蜜雪冰城','茶饮','蜜雪冰城','蜜雪冰城股份有限公司'),
  ('其他','古茗','茶饮','古茗','浙江古茗科技集团有限公司'),
  ('其他','汽车维修','汽修','汽修','江西高速汽车服务有限公司'),
  ('其他','充电站','充电','充电站','国网江西省电动汽车服务有限公司'),
  ('其他','共享按摩椅','休闲','按摩椅','广州摩享科技有限公司'),
  ('其他','娃娃机','娱乐','娃娃机','广州乐驰娱乐有限公司'),
  ('其他','华氏大药房','药店','药店','江西黄庆仁栈华氏大药房有限公司'),
  ('其他','瓷都文创','文创','瓷器','景德镇陶瓷文化传播有限公司'),
  ('其他','南丰蜜桔','水果','蜜桔','南丰县蜜桔产业发展有限公司'),
  ('其他','自助售货机','自助售货','售货机','江西驿购商贸有限公司'),
  ('其他','烟酒专柜','烟酒','烟酒',NULL),
  ('其他','土特产超市','特产','土特产',NULL)
),
catn AS (
  SELECT cat.*, row_number() OVER (PARTITION BY cat.classify ORDER BY cat.brand) AS rn,
         count(*) OVER (PARTITION BY cat.classify) AS cnt
  FROM cat
),
ops(comp, name) AS (VALUES
  -- regional operators, then operators working across the province ('*')
  ('H01','南昌市洪城餐饮服务有限公司'), ('H02','宜春月亮湾餐饮管理有限公司'),
  ('H03','上饶信江服务区管理有限公司'), ('H04','赣州客家味餐饮管理有限公司'),
  ('H05','九江庐峰服务区经营管理有限公司'), ('H06','抚州临川餐饮管理有限公司'),
  ('H07','景德镇瓷都服务区经营管理有限公司'), ('H08','吉安井冈红餐饮管理有限公司'),
  ('*','嘉兴市同辉高速公路服务区经营管理有限公司'), ('*','嘉兴力天高速公路服务区经营管理有限公司'),
  ('*','上高县通达服务管理有限公司'), ('*','江西嘉和餐饮管理有限公司'),
  ('*','江西赣高餐饮服务有限公司'), ('*','浙江驿网餐饮管理有限公司'),
  ('*','湖南金路服务区经营管理有限公司')
),
opsn AS (
  SELECT ops.*, row_number() OVER (PARTITION BY ops.comp = '*' ORDER BY ops.name) - 1 AS rn FROM ops
),
area_op AS (
  SELECT a.no,
         CASE WHEN public.highway_demo_u('hw:area:' || a.no, 14) < 0.5
              THEN (SELECT o.name FROM opsn o WHERE o.comp = a.comp)
              ELSE (SELECT o.name FROM opsn o WHERE o.comp = '*'
                      AND o.rn = floor(public.highway_demo_u('hw:area:' || a.no, 15) * 7)::int)
         END AS operator
  FROM a
),
-- 档口 fixed by name (they appear in the production samples)
forced(area_no, suffix, branch_no, label_name, classify, brand, category, direction, rep, co, cts) AS (VALUES
  ('H0501','6',NULL,'庐山鲜徕客东区','餐饮','鲜徕客','快餐','东区',true,NULL,NULL::timestamp),
  ('H0804','B',NULL,'永丰南餐饮西区(新)','餐饮','驿美餐饮','餐饮','西区',true,'江西驿美餐饮管理有限责任公司',NULL),
  ('H0301','C',NULL,'上饶如意菜饭北区','餐饮','如意菜饭','中餐','北区',true,NULL,NULL),
  ('H0601','B',NULL,'南城餐饮西区','餐饮','小圆满（自助餐）','中餐','西区',false,'嘉兴市同辉高速公路服务区经营管理有限公司',NULL),
  ('H0310','6',NULL,'龙虎山小吃北区','小吃','百色百味','小吃','北区',false,'嘉兴力天高速公路服务区经营管理有限公司',NULL),
  ('H0605','E',NULL,'金溪水果店西区','其他','半斗米水果','水果','西区',false,'杭州半斗米水果连锁有限公司',NULL),
  ('H0812','3',NULL,'吉安西小吃南区','小吃','润仟祥','小吃','南区',false,'上高县通达服务管理有限公司',NULL),
  ('H0403','Y','003585','于都驿美餐饮南区','餐饮','驿美餐饮','餐饮','南区',false,'江西驿美餐饮管理有限责任公司',TIMESTAMP '2021-10-15 09:46:45.010')
),
gen AS (
  SELECT a.no AS area_no, a.idx, a.src, a.short, a.dir1, a.dir2, a.closed, i,
         substr('123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', i, 1) AS suffix,
         CASE WHEN a.size = 'T' THEN '整体租赁'
              WHEN i IN (1, 2) THEN '餐饮'
              WHEN i = 3 THEN '小吃'
              WHEN i = 4 THEN '便利店'
              WHEN public.highway_demo_u('hw:shop:' || a.no || ':' || i, 0) < 0.42 THEN '小吃'
              WHEN public.highway_demo_u('hw:shop:' || a.no || ':' || i, 0) < 0.85 THEN '其他'
              WHEN public.highway_demo_u('hw:shop:' || a.no || ':' || i, 0) < 0.95 THEN '餐饮'
              ELSE '便利店' END AS classify,
         public.highway_demo_u('hw:shop:' || a.no || ':' || i, 1) AS ub,
         (SELECT o.operator FROM area_op o WHERE o.no = a.no) AS operator
  FROM a CROSS JOIN LATERAL generate_series(1, a.n_shops) AS i
),
shops AS (
  -- generated shops not replaced by a fixed one
  SELECT g.area_no, g.idx, g.src, g.closed, g.i,
         CASE WHEN g.src = '3' THEN lpad((g.idx * 40 + g.i)::text, 6, '0') ELSE g.area_no || g.suffix END AS branch_no,
         g.short || coalesce(c.label, '') || CASE WHEN g.i % 2 = 1 THEN g.dir1 ELSE g.dir2 END
           || CASE WHEN g.area_no = 'H0804' THEN '(新)' ELSE '' END AS branch_name,
         g.classify,
         coalesce(c.brand, '整体租赁') AS brand,
         coalesce(c.category, '整体租赁') AS category,
         CASE WHEN g.i % 2 = 1 THEN g.dir1 ELSE g.dir2 END AS direction,
         false AS forced_rep,
         coalesce(c.co, g.operator) AS co,
         NULL::timestamp AS fixed_cts
  FROM gen g
  LEFT JOIN catn c ON c.classify = g.classify AND c.rn = 1 + floor(g.ub * c.cnt)::int
  WHERE NOT EXISTS (SELECT 1 FROM forced f WHERE f.area_no = g.area_no AND f.suffix = g.suffix)
  UNION ALL
  SELECT f.area_no, a.idx, a.src, a.closed,
         position(f.suffix IN '123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') AS i,
         coalesce(f.branch_no, f.area_no || f.suffix), f.label_name, f.classify, f.brand, f.category,
         f.direction, f.rep,
         coalesce(f.co, (SELECT o.operator FROM area_op o WHERE o.no = a.no)),
         f.cts
  FROM forced f JOIN a ON a.no = f.area_no
),
ranked AS (
  SELECT s.*,
         CASE WHEN s.src IN ('0', '4')
              THEN row_number() OVER (PARTITION BY s.area_no ORDER BY s.forced_rep DESC, s.i) END AS rep_rank,
         public.highway_demo_u('hw:branch:' || s.branch_no, 0) AS h0,
         public.highway_demo_u('hw:branch:' || s.branch_no, 1) AS h1,
         public.highway_demo_u('hw:branch:' || s.branch_no, 2) AS h2,
         public.highway_demo_u('hw:branch:' || s.branch_no, 3) AS h3
  FROM shops s
),
typed AS (
  SELECT r.*,
         r.rep_rank IS NOT NULL AND r.rep_rank <= (SELECT a.nbr FROM a WHERE a.no = r.area_no) AS reporting,
         CASE WHEN r.src = '4' THEN 'M'                                   -- manual-entry area
              WHEN r.classify = '整体租赁' THEN 'Z'
              WHEN r.fixed_cts IS NOT NULL THEN 'A'
              WHEN r.classify = '其他' AND r.h0 < 0.12 THEN 'T'             -- third party
              WHEN r.h0 >= 0.12 AND r.h0 < 0.14 THEN 'I'                   -- bulk SQL import
              WHEN r.h0 >= 0.14 AND r.h0 < 0.16 THEN 'N'                   -- creator unknown
              ELSE 'A' END AS origin
  FROM ranked r
),
stamped AS (
  SELECT t.*,
         coalesce(t.fixed_cts,
           CASE t.origin
             WHEN 'M' THEN TIMESTAMP '2022-03-21 14:05:00' + make_interval(secs => floor(t.h1 * 86400 * 3))
             WHEN 'Z' THEN TIMESTAMP '2022-07-12 10:20:00' + make_interval(secs => floor(t.h1 * 3600))
             WHEN 'T' THEN TIMESTAMP '2022-09-05 16:00:00' + make_interval(secs => floor(t.h1 * 86400 * 20))
             WHEN 'I' THEN TIMESTAMP '2021-11-07 20:26:00' + make_interval(secs => floor(t.h1 * 30))
             ELSE TIMESTAMP '2021-05-20 19:53:58.850' + make_interval(secs => (t.idx * 7 + t.i) / 10000.0)
           END) AS cts
  FROM typed t
)
SELECT t.area_no, t.branch_no,
       CASE WHEN t.origin = 'I' AND NOT t.reporting
            THEN left(t.branch_name, length(t.branch_name) - length(t.direction)) ELSE t.branch_name END,
       t.classify, t.brand, t.category,
       CASE WHEN t.origin = 'I' AND NOT t.reporting THEN '' ELSE t.direction END,
       CASE WHEN t.reporting THEN t.rep_rank::integer END,
       CASE WHEN t.origin = 'M' THEN 1 ELSE 0 END,
       CASE t.origin WHEN 'M' THEN 'new_insert_data' WHEN 'Z' THEN 'third zhengti zulin' WHEN 'T' THEN 'third'
                     WHEN 'I' THEN 'INSERT INTO DATA' WHEN 'N' THEN NULL ELSE 'admin' END,
       t.cts,
       CASE WHEN t.origin = 'I' THEN ''
            WHEN t.origin IN ('A', 'N') AND t.h2 < 0.02 THEN 'admin'
            WHEN t.origin IN ('A', 'N') AND t.h2 < 0.75 THEN 'updated by importSQL' END,
       CASE WHEN t.origin = 'I' THEN t.cts
            WHEN t.origin IN ('A', 'N') AND t.h2 < 0.02 THEN TIMESTAMP '2022-08-16 09:30:00' + make_interval(secs => floor(t.h3 * 86400))
            WHEN t.origin IN ('A', 'N') AND t.h2 < 0.75 THEN TIMESTAMP '2021-11-07 20:26:09' + make_interval(secs => floor(t.h3 * 6))
            WHEN t.h2 < 0.85 THEN NULL
            ELSE t.cts END,
       CASE WHEN t.origin IN ('A', 'N') AND t.h2 < 0.02 THEN 2
            WHEN t.origin = 'T' AND t.h3 < 0.15 THEN 0 ELSE 1 END,
       CASE WHEN t.closed IS NOT NULL THEN t.closed + TIME '10:00:00'
            WHEN NOT t.reporting AND t.h3 > 0.985 THEN TIMESTAMP '2023-02-01 09:00:00' + make_interval(secs => floor(t.h1 * 86400 * 300)) END,
       CASE WHEN t.origin = 'I' THEN ''
            WHEN t.closed IS NOT NULL OR (NOT t.reporting AND t.h3 > 0.985) THEN 'admin' END,
       t.co
FROM stamped t
$$;

-- ===========================================================================
-- 4. Reporting units of bss_business_day_data and car-count units
-- ===========================================================================
CREATE OR REPLACE FUNCTION public.highway_demo_units()
RETURNS TABLE(unit_key text, service_no text, service_name text, branch_no text, branch_name text,
              src integer, base double precision, growth double precision, cash double precision,
              zfb double precision, xs double precision, ticket double precision, opened date, closed date)
LANGUAGE sql STABLE AS $$
WITH a AS (
  SELECT i.*,
         CASE i.size WHEN 'X' THEN 60000 WHEN 'L' THEN 7000 WHEN 'M' THEN 3200 WHEN 'S' THEN 1400 ELSE 380 END
           * CASE WHEN i.size = 'X' THEN 1.0 ELSE i.scale END AS size_base
  FROM public.highway_demo_area_info() i
  WHERE i.src IN ('0', '1', '3', '4') AND NOT i.deleted
)
SELECT a.no || ':' || b.branch_no, a.no, a.bdd_name, b.branch_no, b.branch_name, a.src::integer,
       a.size_base * CASE b.rep_rank WHEN 1 THEN 1.0 WHEN 2 THEN 0.7 ELSE 0.45 END,
       a.growth, a.cash, a.zfb, a.xs, a.ticket, a.opened, a.closed
FROM a JOIN public.highway_demo_branches() b ON b.area_no = a.no AND b.rep_rank IS NOT NULL
WHERE a.src IN ('0', '4')
UNION ALL
SELECT a.no || ':' || k, CASE a.src WHEN '1' THEN a.yg ELSE a.ym END, a.bdd_name, k::text,
       a.short || CASE WHEN k = 1 THEN a.dir1 ELSE a.dir2 END, a.src::integer,
       a.size_base * CASE WHEN k = 1 THEN 1.0 ELSE 0.8 END,
       a.growth, a.cash, a.zfb, a.xs, a.ticket, a.opened, a.closed
FROM a CROSS JOIN LATERAL generate_series(1, a.nbr) AS k
WHERE a.src IN ('1', '3')
$$;

CREATE OR REPLACE FUNCTION public.highway_demo_car_units()
RETURNS TABLE(unit_key text, service_area_id text, car_type text, base double precision,
              presence double precision, opened date, closed date)
LANGUAGE sql STABLE AS $$
WITH a AS (
  SELECT i.*,
         CASE i.size WHEN 'X' THEN 9000 WHEN 'L' THEN 4200 WHEN 'M' THEN 2000 WHEN 'S' THEN 900 ELSE 300 END
           * (0.75 + 0.5 * public.highway_demo_u('hw:area:' || i.no, 15)) AS car_base
  FROM public.highway_demo_area_info() i
  WHERE i.car <> '-' AND NOT i.deleted
),
t(car_type, share, presence, modes) AS (VALUES
  ('其他', 1.0, 1.0, 'OTP'),
  ('城际', 0.15, 0.85, 'TP'),
  ('过境', 0.22, 0.70, 'TP'),
  ('危化品', 0.012, 1.0, 'T')
)
SELECT a.no, a.id, t.car_type,
       a.car_base * t.share + CASE WHEN t.car_type = '危化品' THEN 4 ELSE 0 END,
       t.presence,
       -- the few areas that report business data under their own code got
       -- their car counters in 2024 (keeps business x car fan-out joins cheap)
       CASE WHEN a.src IN ('0', '4') THEN greatest(a.opened, DATE '2024-01-01') ELSE a.opened END,
       a.closed
FROM a JOIN t ON position(a.car IN t.modes) > 0
UNION ALL
-- monitoring points not linked to a service area
SELECT 'G' || g, NULL, '其他', 400 + 2100 * public.highway_demo_u('hw:gantry:' || g, 0), 1.0,
       DATE '2021-01-01', NULL
FROM generate_series(1, 6) AS g
$$;

-- ===========================================================================
-- 5. Day factors: weekday, season, holidays (春节/清明/五一/端午/中秋/国庆/元旦),
--    2022 epidemic dips and yearly growth
-- ===========================================================================
CREATE OR REPLACE FUNCTION public.highway_demo_day_factors(p_from date, p_to date)
RETURNS TABLE(d date, f_rev double precision, f_car double precision, f_thru double precision,
              f_haz double precision)
LANGUAGE sql IMMUTABLE AS $$
WITH lunar(y, spring, dragon, mid) AS (VALUES
  (2022, DATE '2022-02-01', DATE '2022-06-03', DATE '2022-09-10'),
  (2023, DATE '2023-01-22', DATE '2023-06-22', DATE '2023-09-29'),
  (2024, DATE '2024-02-10', DATE '2024-06-10', DATE '2024-09-17'),
  (2025, DATE '2025-01-29', DATE '2025-05-31', DATE '2025-10-06'),
  (2026, DATE '2026-02-17', DATE '2026-06-19', DATE '2026-09-25'),
  (2027, DATE '2027-02-06', DATE '2027-06-09', DATE '2027-09-15'),
  (2028, DATE '2028-01-26', DATE '2028-05-28', DATE '2028-10-03'),
  (2029, DATE '2029-02-13', DATE '2029-06-16', DATE '2029-09-22'),
  (2030, DATE '2030-02-03', DATE '2030-06-05', DATE '2030-09-12'),
  (2031, DATE '2031-01-23', DATE '2031-06-24', DATE '2031-10-01'),
  (2032, DATE '2032-02-11', DATE '2032-06-12', DATE '2032-09-19')
),
x AS (
  SELECT g::date AS d,
         extract(isodow FROM g)::int AS dow, extract(month FROM g)::int AS mo,
         extract(day FROM g)::int AS dd, extract(year FROM g)::int AS yr, extract(doy FROM g)::int AS doy,
         g::date - l.spring AS sd, g::date - l.dragon AS dg, g::date - l.mid AS md
  FROM generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') AS g
  LEFT JOIN lunar l ON l.y = extract(year FROM g)::int
),
h AS (
  SELECT x.*,
         CASE
           WHEN sd BETWEEN -10 AND -8 THEN 0.3
           WHEN sd BETWEEN -7 AND -2 THEN 0.6
           WHEN sd = -1 THEN -0.15
           WHEN sd = 0 THEN -0.2
           WHEN sd BETWEEN 1 AND 3 THEN 0.9
           WHEN sd BETWEEN 4 AND 6 THEN 1.2
           WHEN sd BETWEEN 7 AND 10 THEN 0.4
           WHEN mo = 10 AND dd = 1 THEN 1.6
           WHEN mo = 10 AND dd IN (2, 3, 6) THEN 1.0
           WHEN mo = 10 AND dd IN (4, 5) THEN 0.8
           WHEN mo = 10 AND dd = 7 THEN 1.4
           WHEN md BETWEEN 0 AND 2 THEN 0.5
           WHEN md = -1 THEN 0.3
           WHEN mo = 5 AND dd = 1 THEN 0.8
           WHEN mo = 5 AND dd BETWEEN 2 AND 5 THEN 0.5
           WHEN mo = 4 AND dd BETWEEN 4 AND 6 THEN 0.4
           WHEN dg BETWEEN -1 AND 1 THEN 0.4
           WHEN mo = 1 AND dd BETWEEN 1 AND 3 THEN 0.3
           WHEN mo = 12 AND dd = 31 THEN 0.2
         END AS hol,
         CASE WHEN (mo = 7 AND dd >= 10) OR mo = 8 THEN 1.12 WHEN mo = 1 THEN 0.92 WHEN mo = 11 THEN 0.95 ELSE 1.0 END AS season,
         CASE WHEN d BETWEEN DATE '2022-04-01' AND DATE '2022-05-20' THEN 0.72
              WHEN d BETWEEN DATE '2022-11-10' AND DATE '2022-12-20' THEN 0.60
              WHEN d BETWEEN DATE '2022-12-21' AND DATE '2023-01-10' THEN 0.75
              ELSE 1.0 END AS covid,
         public.highway_demo_level(yr)
           + (public.highway_demo_level(yr + 1) - public.highway_demo_level(yr)) * (doy - 1) / 365.0 AS lvl
  FROM x
)
SELECT d,
       (CASE WHEN hol IS NOT NULL THEN 1 + hol
             ELSE (ARRAY[0.93, 0.92, 0.94, 0.98, 1.08, 1.20, 1.15])[dow] END) * season * covid * lvl,
       (CASE WHEN hol IS NOT NULL THEN 1 + 1.3 * hol
             ELSE (ARRAY[0.92, 0.90, 0.92, 0.98, 1.12, 1.22, 1.18])[dow] END)
         * (CASE WHEN season > 1 THEN 1.18 ELSE season END) * covid * lvl,
       (CASE WHEN hol IS NOT NULL THEN 1 + 0.2 * hol
             ELSE (ARRAY[1.02, 1.03, 1.03, 1.02, 1.00, 0.92, 0.90])[dow] END)
         * (0.9 + 0.1 * covid) * (1 + (lvl - 1) * 0.5),
       (CASE WHEN sd BETWEEN -1 AND 6 THEN 0.3
             WHEN hol >= 0.5 THEN 0.35
             WHEN hol IS NOT NULL THEN 0.8
             ELSE (ARRAY[1.05, 1.08, 1.08, 1.05, 1.00, 0.70, 0.60])[dow] END)
         * (0.9 + 0.1 * covid)
FROM h
$$;

-- ===========================================================================
-- 6. Daily fill: business day data, car counts, new mapper records
-- ===========================================================================
CREATE OR REPLACE FUNCTION public.highway_demo_fill(from_date date, to_date date)
RETURNS bigint
LANGUAGE plpgsql
SET jit = off
AS $fn$
#variable_conflict use_column
DECLARE
  v_from date := greatest(from_date, DATE '2022-01-01');
  v_to   date := to_date;
  n_total bigint := 0;
  n bigint;
BEGIN
  IF v_from IS NULL OR v_to IS NULL OR v_from > v_to THEN
    RETURN 0;
  END IF;

  -- business day data ------------------------------------------------------
  -- One pass: the md5 that is the row id also supplies eight 16-bit random
  -- numbers (noise, payment mix, ticket size, timestamps, rare events).
  -- About 0.4% of the rows are imported twice; the copy is soft-deleted.
  -- Money is computed in float8 on 0.5-yuan steps (exact) and cast once;
  -- the OFFSET 0 fences stop PostgreSQL from re-evaluating inner expressions.
  INSERT INTO public.bss_business_day_data
    (id, version, create_ts, created_by, update_ts, updated_by, delete_ts, deleted_by,
     oper_date, service_no, service_name, branch_no, branch_name,
     wx, wx_order, zfb, zf_order, rmb, rmb_order, xs, xs_order, jd, jd_order,
     order_sum, pay_sum, source_type)
  SELECT CASE WHEN x.dup THEN md5(r.rid || ':dup') WHEN r.src = 1 THEN upper(r.rid) ELSE r.rid END,
         CASE WHEN x.dup THEN 2 ELSE 1 END,
         CASE WHEN x.dup THEN r.cts + interval '7 minutes' ELSE r.cts END,
         CASE WHEN r.src = 0 THEN 'xingba' END,
         CASE WHEN x.dup THEN r.cts + interval '2 hours 13 minutes'
              WHEN r.src = 4 AND r.h2 > 0.88 THEN NULL ELSE r.cts END,
         CASE WHEN x.dup THEN 'admin' END,
         CASE WHEN x.dup THEN r.cts + interval '2 hours 13 minutes' END,
         CASE WHEN x.dup THEN 'admin' END,
         r.d, r.service_no, r.service_name, r.branch_no, r.branch_name,
         r.wx::numeric, r.wx_o, r.zfb::numeric, r.zf_o, r.rmb::numeric, r.rmb_o,
         r.xs::numeric, r.xs_o, r.jd::numeric, r.jd_o,
         r.wx_o + r.zf_o + r.rmb_o + r.xs_o + r.jd_o,
         (r.wx + r.zfb + r.rmb + r.xs + r.jd)::numeric,
         r.src
  FROM (
    SELECT q.*,
           CASE WHEN q.wx  > 0 THEN greatest(1, round(q.wx  / q.tk))::int ELSE 0 END AS wx_o,
           CASE WHEN q.zfb > 0 THEN greatest(1, round(q.zfb / (q.tk * 1.05)))::int ELSE 0 END AS zf_o,
           CASE WHEN q.rmb > 0 THEN greatest(1, round(q.rmb / (q.tk * 0.85)))::int ELSE 0 END AS rmb_o,
           CASE WHEN q.xs  > 0 THEN greatest(1, round(q.xs  / (q.tk * 1.40)))::int ELSE 0 END AS xs_o,
           CASE WHEN q.jd  > 0 THEN greatest(1, round(q.jd  / (q.tk * 0.60)))::int ELSE 0 END AS jd_o
    FROM (
      SELECT p.rid, p.src, p.d, p.service_no, p.service_name, p.branch_no, p.branch_name, p.h2, p.h6,
             p.d + CASE p.src WHEN 0 THEN TIME '23:30:00' WHEN 1 THEN TIME '22:10:00'
                              WHEN 3 THEN TIME '21:40:00' ELSE TIME '18:00:00' END
                 + floor(p.h7 * CASE p.src WHEN 0 THEN 1200 WHEN 1 THEN 900 WHEN 3 THEN 900 ELSE 14400 END)
                   * interval '1 second' AS cts,
             round(p.total * p.sh_rmb * 2) / 2 AS rmb,
             round(p.total * p.sh_zfb * 2) / 2 AS zfb,
             round(p.total * p.sh_xs * 2) / 2 AS xs,
             round(p.total * p.sh_jd * 2) / 2 AS jd,
             round(p.total * (1 - p.sh_rmb - p.sh_zfb - p.sh_xs - p.sh_jd) * 2) / 2 AS wx,
             p.ticket * (0.92 + 0.16 * p.h5) AS tk
      FROM (
        SELECT o.*,
               o.base * o.f_rev
                 * (1 + o.growth * ((o.d - DATE '2023-07-01') / 365.0::float8))
                 * CASE WHEN o.h2 < 0.003 THEN 0.45 ELSE 0.88 + 0.12 * (o.h0 + o.h1) END AS total,
               o.cash * (0.75 + 0.5 * o.h3)
                 * greatest(0.85, 1.10 - 0.06 * ((o.d - DATE '2022-01-01') / 365.0::float8)) AS sh_rmb,
               o.zfb * (0.7 + 0.6 * o.h4) AS sh_zfb,
               o.xs * (0.5 + o.h4) AS sh_xs,
               CASE WHEN o.src = 1 AND o.d >= DATE '2024-03-01' AND o.h6 < 0.25
                    THEN 0.004 + 0.012 * o.h3 ELSE 0 END AS sh_jd
        FROM (
          SELECT k.*,
                 public.highway_demo_b16(k.rb, 0) AS h0, public.highway_demo_b16(k.rb, 1) AS h1,
                 public.highway_demo_b16(k.rb, 2) AS h2, public.highway_demo_b16(k.rb, 3) AS h3,
                 public.highway_demo_b16(k.rb, 4) AS h4, public.highway_demo_b16(k.rb, 5) AS h5,
                 public.highway_demo_b16(k.rb, 6) AS h6, public.highway_demo_b16(k.rb, 7) AS h7
          FROM (
            SELECT j.*, decode(j.rid, 'hex') AS rb
            FROM (
              SELECT u.service_no, u.service_name, u.branch_no, u.branch_name, u.src, u.base, u.growth,
                     u.cash, u.zfb, u.xs, u.ticket, f.d, f.f_rev,
                     md5('hw:bdd:' || u.service_no || ':' || u.branch_no || ':' || f.d::text) AS rid
              FROM (SELECT * FROM public.highway_demo_units() OFFSET 0) u
              JOIN (SELECT * FROM public.highway_demo_day_factors(v_from, v_to) OFFSET 0) f
                ON f.d >= u.opened AND (u.closed IS NULL OR f.d < u.closed)
              OFFSET 0
            ) j
            OFFSET 0
          ) k
          OFFSET 0
        ) o
        OFFSET 0
      ) p
      OFFSET 0
    ) q
    OFFSET 0
  ) r
  CROSS JOIN LATERAL (SELECT false AS dup UNION ALL SELECT true WHERE r.h6 > 0.996) x
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  n_total := n_total + n;

  -- car counts ---------------------------------------------------------------
  INSERT INTO public.bss_car_day_count
    (id, version, create_ts, created_by, update_ts, updated_by, delete_ts, deleted_by,
     customer_count, car_type, count_date, service_area_id)
  SELECT CASE WHEN x.dup THEN md5(c.rid || ':dup') ELSE c.rid END,
         CASE WHEN x.dup THEN 2 ELSE 1 END,
         CASE WHEN x.dup THEN c.cts + interval '3 minutes' ELSE c.cts END,
         NULL,
         CASE WHEN x.dup THEN c.cts + interval '1 day' ELSE c.cts END,
         CASE WHEN x.dup THEN 'admin' END,
         CASE WHEN x.dup THEN c.cts + interval '1 day' END,
         CASE WHEN x.dup THEN 'admin' END,
         greatest(0, round(c.cnt))::bigint, c.car_type, c.d, c.service_area_id
  FROM (
    SELECT k.rid, k.car_type, k.service_area_id, k.d,
           k.d + (ARRAY[1, 7, 9, 12, 16, 16, 16, 20, 22])[1 + floor(public.highway_demo_b16(k.rb, 3) * 9)::int]
                   * interval '1 hour'
               + floor(public.highway_demo_b16(k.rb, 4) * 3600) * interval '1 second' AS cts,
           k.base
             * CASE k.car_type WHEN '危化品' THEN k.f_haz WHEN '过境' THEN k.f_thru ELSE k.f_car END
             * CASE WHEN public.highway_demo_b16(k.rb, 2) < 0.002 THEN 0.3
                    ELSE 0.9 + 0.1 * (public.highway_demo_b16(k.rb, 0) + public.highway_demo_b16(k.rb, 1)) END AS cnt,
           public.highway_demo_b16(k.rb, 7) AS hdup
    FROM (
      SELECT j.*, decode(j.rid, 'hex') AS rb
      FROM (
        SELECT md5('hw:car:' || u.unit_key || ':' || u.car_type || ':' || f.d::text) AS rid,
               u.car_type, u.service_area_id, u.base, u.presence, f.d, f.f_car, f.f_thru, f.f_haz
        FROM (SELECT * FROM public.highway_demo_car_units() OFFSET 0) u
        JOIN (SELECT * FROM public.highway_demo_day_factors(v_from, v_to) OFFSET 0) f
          ON f.d >= u.opened AND (u.closed IS NULL OR f.d < u.closed)
        OFFSET 0
      ) j
      OFFSET 0
    ) k
    WHERE public.highway_demo_b16(k.rb, 6) < k.presence
    OFFSET 0
  ) c
  CROSS JOIN LATERAL (SELECT false AS dup UNION ALL SELECT true WHERE c.hdup < 0.003) x
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  n_total := n_total + n;

  -- new mapping records: since 2026-01 one every 6th day (so any 7-day window
  -- contains at least one), 司乘管理 re-registrations and new 驿美 codes
  INSERT INTO public.bss_service_area_mapper
    (id, version, create_ts, created_by, update_ts, updated_by, delete_ts, deleted_by,
     service_name, service_no, service_area_id, source_system_type, source_type)
  SELECT md5('hw:mapper:dyn:' || x.d::text), 1, x.cts, 'add service area', x.cts, NULL, NULL, NULL,
         a.bdd_name,
         CASE WHEN x.k % 3 = 0 THEN (1400 + x.k % 600)::text ELSE '37' || lpad((x.k % 10000)::text, 4, '0') END,
         a.id,
         CASE WHEN x.k % 3 = 0 THEN '驿美' ELSE '司乘管理' END,
         CASE WHEN x.k % 3 = 0 THEN 3 ELSE 5 END
  FROM (
    SELECT g::date AS d, (g::date - DATE '2022-01-01') / 6 AS k,
           g::date + TIME '09:00:00'
             + make_interval(secs => floor(public.highway_demo_u('hw:mapper:dyn:' || g::date::text, 0) * 28800)) AS cts
    FROM generate_series(greatest(v_from, DATE '2026-01-01')::timestamp, v_to::timestamp, interval '1 day') AS g
    WHERE (g::date - DATE '2022-01-01') % 6 = 0
  ) x
  JOIN (
    SELECT i.*, row_number() OVER (ORDER BY i.idx) - 1 AS rn, count(*) OVER () AS cnt
    FROM public.highway_demo_area_info() i
    WHERE i.m_s AND i.state = '开放'
  ) a ON a.rn = (x.k * 7) % a.cnt
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  n_total := n_total + n;

  RETURN n_total;
END
$fn$;

-- ===========================================================================
-- 7. Reference data: companies, sections/routes, service areas, links,
--    mapper (static part) and branches. Existing rows are kept as they are.
-- ===========================================================================
CREATE OR REPLACE FUNCTION public.highway_demo_seed()
RETURNS bigint
LANGUAGE plpgsql
SET jit = off
AS $fn$
DECLARE
  n_total bigint := 0;
  n bigint;
BEGIN
  -- 分公司
  INSERT INTO public.bss_company
    (id, version, create_ts, created_by, update_ts, updated_by, delete_ts, deleted_by, company_name, company_no)
  SELECT md5('hw:company:' || c.no), c.ver, c.cts, 'admin', coalesce(c.uts, c.cts), c.upd, c.dts,
         CASE WHEN c.dts IS NOT NULL THEN 'admin' END, c.name, c.no
  FROM (VALUES
    ('H01','南昌分公司',   TIMESTAMP '2021-05-20 09:41:24.112', NULL::timestamp, NULL, 1, NULL::timestamp),
    ('H02','宜春分公司',   TIMESTAMP '2021-05-20 09:42:03.507', NULL, NULL, 1, NULL),
    ('H06','抚州分公司',   TIMESTAMP '2021-05-20 09:43:05.021', TIMESTAMP '2021-05-20 09:52:26.530', 'admin', 2, NULL),
    ('H03','上饶分公司',   TIMESTAMP '2021-05-20 09:51:58.904', NULL, NULL, 1, NULL),
    ('H04','赣州分公司',   TIMESTAMP '2021-05-20 09:52:47.866', NULL, NULL, 1, NULL),
    ('H05','九江分公司',   TIMESTAMP '2021-05-20 09:53:09.702', NULL, NULL, 1, NULL),
    ('H07','景德镇分公司', TIMESTAMP '2021-05-20 09:53:29.318', NULL, NULL, 1, NULL),
    ('H08','吉安分公司',   TIMESTAMP '2021-05-20 09:53:44.990', NULL, NULL, 1, NULL),
    ('Q01','其他公司管辖', TIMESTAMP '2021-05-21 11:32:44.251', NULL, NULL, 1, NULL),
    ('H09','赣西分公司',   TIMESTAMP '2021-05-20 09:54:12.377', NULL, NULL, 1, TIMESTAMP '2021-06-02 10:15:00')
  ) AS c(no, name, cts, uts, upd, ver, dts)
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  n_total := n_total + n;

  -- 路段 / 路线
  INSERT INTO public.bss_section_route
    (id, version, create_ts, created_by, update_ts, updated_by, delete_ts, deleted_by, section_name, route_name, code)
  SELECT md5('hw:section:' || s.code),
         CASE s.kind WHEN 'R' THEN 0 ELSE 1 END,
         CASE s.kind WHEN 'R' THEN TIMESTAMP '2022-03-04 16:07:16' + make_interval(secs => (s.n * 42) % 300)
                     ELSE TIMESTAMP '2021-10-29 19:43:50' END,
         CASE s.kind WHEN 'R' THEN NULL ELSE 'admin' END,
         CASE s.kind WHEN 'D' THEN TIMESTAMP '2022-05-10 15:20:00' END,
         CASE s.kind WHEN 'D' THEN 'admin' END,
         CASE s.kind WHEN 'D' THEN TIMESTAMP '2022-05-10 15:20:00' END,
         CASE s.kind WHEN 'D' THEN 'admin' END,
         s.section_name, s.route_name, s.code
  FROM (VALUES
    ( 1,'SR0001','昌栗','昌栗','B'), ( 2,'SR0002','昌宁','昌韶','B'), ( 3,'SR0003','泰井','泰井','B'),
    ( 4,'SR0004','昌九','昌九','B'), ( 5,'SR0005','昌樟','沪昆','B'), ( 6,'SR0006','樟吉','赣粤','B'),
    ( 7,'SR0007','梨温','沪昆','B'), ( 8,'SR0008','温厚','沪昆','B'), ( 9,'SR0009','泰赣','赣粤','B'),
    (10,'SR0010','赣定','赣粤','B'), (11,'SR0011','赣大','厦蓉','B'), (12,'SR0012','瑞赣','厦蓉','B'),
    (13,'SR0013','九景','杭瑞','B'), (14,'SR0014','景婺黄','杭瑞','B'), (15,'SR0015','九瑞','杭瑞','B'),
    (16,'SR0016','德昌','德昌','B'), (17,'SR0017','武吉','武吉','B'), (18,'SR0018','抚吉','抚吉','B'),
    (19,'SR0019','鹰瑞','济广','B'), (20,'SR0020','昌铜','昌铜','B'), (21,'SR0021','吉莲','泉南','B'),
    (22,'SR0022','石吉','泉南','B'), (23,'SR0023','瑞寻','瑞寻','B'), (24,'SR0024','昌金','沪昆','B'),
    (25,'SR0025','九江绕城','九江绕城','B'), (26,'SR0026','南昌绕城','南昌绕城','B'), (27,'SR0027','上武','上武','B'),
    (28,'SR0028','彭湖','彭湖','B'), (29,'SR0029','都九','都九','B'), (30,'SR0030','抚金','抚金','B'),
    (31,'SR0031','萍洪','萍洪','B'), (32,'SR0032','永武','永武','B'), (33,'SR0033','奉铜','奉铜','B'),
    (34,'SR0034','宁定','济广','B'), (35,'SR0035','景鹰','济广','B'), (36,'SR0036','赣崇','赣崇','B'),
    (37,'SR0037','修平','修平','B'), (38,'SR0038','昌奉','昌铜','B'), (39,'SR0039','东昌','东昌','B'),
    (40,'SR0040','广吉','广吉','B'), (41,'SR0041','寻全','寻全','B'), (42,'SR0042','昌傅','昌傅','B'),
    (43,'SR0043','大广','大广','B'), (44,'SR0044','福银','福银','B'), (45,'SR0045','井睦','井睦','B'),
    (46,'SR0046','南昌西外环','南昌绕城','D'),
    (47,'SR0147','昌九','/','R'), (48,'SR0148','杭瑞','/','R'), (49,'SR0149','梨温','/','R'),
    (50,'SR0150','沪昆','/','R'), (51,'SR0151','济广','/','R'), (52,'SR0152','赣粤','/','R'),
    (53,'SR0153','福银','/','R'), (54,'SR0154','大广','/','R')
  ) AS s(n, code, section_name, route_name, kind)
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  n_total := n_total + n;

  -- 服务区
  INSERT INTO public.bss_service_area
    (id, version, create_ts, created_by, update_ts, updated_by, delete_ts, deleted_by,
     service_area_name, service_area_no, company_id, service_position, service_area_type, service_state)
  SELECT a.id,
         CASE WHEN a.u < 0.62 THEN 4 WHEN a.u < 0.80 THEN 3 WHEN a.u < 0.85 THEN 6 WHEN a.u < 0.90 THEN 5
              WHEN a.u < 0.95 THEN 2 WHEN a.u < 0.975 THEN 8 ELSE 1 END,
         a.cts,
         CASE WHEN a.u2 < 0.03 THEN NULL ELSE 'admin' END,
         CASE WHEN a.deleted THEN TIMESTAMP '2022-06-30 10:12:00'
              WHEN a.cts > TIMESTAMP '2021-07-10 15:41:28' THEN a.cts + interval '5 minutes'
              ELSE TIMESTAMP '2021-07-10 15:41:28.795' + make_interval(secs => a.idx * 13 / 1000.0) END,
         CASE WHEN a.u2 < 0.03 THEN NULL ELSE 'admin' END,
         CASE WHEN a.deleted THEN TIMESTAMP '2022-06-30 10:12:00' END,
         CASE WHEN a.deleted THEN 'admin' END,
         a.name, a.no, a.company_id, a.pos, a.area_type, a.state
  FROM (
    SELECT i.*,
           public.highway_demo_u('hw:area:meta:' || i.no, 0) AS u,
           public.highway_demo_u('hw:area:meta:' || i.no, 1) AS u2,
           CASE i.no WHEN 'H0415' THEN TIMESTAMP '2023-01-17 12:45:51'
                     WHEN 'Q0119' THEN TIMESTAMP '2024-05-28 10:03:12'
                     ELSE CASE WHEN i.comp IS NULL
                               THEN TIMESTAMP '2021-05-21 13:26:40.589' + make_interval(secs => i.idx * 2371 / 1000.0)
                               ELSE TIMESTAMP '2021-05-20 19:51:46.300' + make_interval(secs => i.idx * 12 / 1000.0) END
           END AS cts
    FROM public.highway_demo_area_info() i
  ) a
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  n_total := n_total + n;

  -- 路段-服务区关联
  INSERT INTO public.bss_section_route_area_link (section_route_id, service_area_id)
  SELECT i.section_id, i.id FROM public.highway_demo_area_info() i WHERE i.linked
  ON CONFLICT DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  n_total := n_total + n;

  -- 服务区编码映射（静态部分；新增记录由 highway_demo_fill 逐日追加）
  INSERT INTO public.bss_service_area_mapper
    (id, version, create_ts, created_by, update_ts, updated_by, delete_ts, deleted_by,
     service_name, service_no, service_area_id, source_system_type, source_type)
  SELECT m.mid,
         CASE WHEN m.updated THEN 2 ELSE 1 END,
         m.cts, m.created_by,
         CASE WHEN m.sys = 'M' THEN NULL
              WHEN m.updated THEN m.uts
              ELSE m.cts + make_interval(secs => CASE WHEN m.sys IN ('Y', 'G2') THEN 4 ELSE 0 END) END,
         CASE WHEN m.updated THEN 'admin' END,
         CASE WHEN m.del THEN m.cts + interval '45 days' END,
         CASE WHEN m.del THEN 'admin' END,
         m.bdd_name, m.code, m.id, m.sys_name, m.sys_type
  FROM (
    SELECT s.*, md5('hw:mapper:' || s.no || ':' || s.sys) AS mid,
           -- only records that no business data depends on may be soft-deleted
           s.h0 < 0.04 AND NOT ((s.sys = 'B' AND s.src IN ('0', '4')) OR (s.sys = 'G' AND s.src = '1')
                                OR (s.sys = 'Y' AND s.src = '3') OR s.sys = 'M') AS del,
           s.h1 < CASE s.sys WHEN 'S' THEN 0.5 WHEN 'B' THEN 0.3 WHEN 'G' THEN 0.25 ELSE 0 END AS updated
    FROM (
      SELECT i.no, i.id, i.idx, i.src, i.bdd_name, x.sys, x.sys_name, x.sys_type,
             CASE x.sys WHEN 'B' THEN i.no WHEN 'M' THEN i.no WHEN 'G' THEN i.yg WHEN 'Y' THEN i.ym
                        ELSE '36' || lpad(i.idx::text, 3, '0') END AS code,
             CASE x.sys
               WHEN 'B' THEN TIMESTAMP '2021-05-20 19:52:10' + make_interval(secs => i.idx * 31 / 1000.0)
               WHEN 'G' THEN CASE WHEN i.no = 'H0415' THEN TIMESTAMP '2023-01-17 12:47:29'
                                  ELSE TIMESTAMP '2021-12-19 09:43:09' END
               WHEN 'Y' THEN TIMESTAMP '2023-01-10 10:54:03' + make_interval(secs => i.idx * 3)
               WHEN 'M' THEN TIMESTAMP '2022-03-15 10:00:00' + make_interval(mins => i.idx * 7)
               ELSE TIMESTAMP '2022-06-08 14:20:00' + make_interval(secs => i.idx * 13)
             END AS cts,
             CASE x.sys
               WHEN 'B' THEN TIMESTAMP '2021-07-11 09:33:08' + make_interval(secs => i.idx * 50 / 1000.0)
               WHEN 'G' THEN TIMESTAMP '2022-08-23 17:12:40' + make_interval(secs => i.idx)
               ELSE TIMESTAMP '2023-05-16 11:05:00' + make_interval(secs => i.idx * 11)
             END AS uts,
             CASE x.sys WHEN 'Y' THEN NULL WHEN 'M' THEN 'add service area'
                        WHEN 'G' THEN CASE WHEN i.no = 'H0415' THEN NULL ELSE 'admin' END
                        ELSE 'admin' END AS created_by,
             public.highway_demo_u('hw:mapper:' || i.no || ':' || x.sys, 0) AS h0,
             public.highway_demo_u('hw:mapper:' || i.no || ':' || x.sys, 1) AS h1
      FROM public.highway_demo_area_info() i
      JOIN (VALUES ('B','商业管理',0), ('G','驿购',1), ('Y','驿美',3), ('M','手工录入',4), ('S','司乘管理',5))
           AS x(sys, sys_name, sys_type)
        ON (x.sys = 'B' AND i.m_b) OR (x.sys = 'G' AND i.m_g) OR (x.sys = 'Y' AND i.m_y)
        OR (x.sys = 'M' AND i.m_m) OR (x.sys = 'S' AND i.m_s)
    ) s
  ) m
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS n = ROW_COUNT;
  n_total := n_total + n;

  -- 档口
  INSERT INTO public.bss_branch
    (id, version, create_ts, created_by, update_ts, updated_by, delete_ts, deleted_by,
     branch_name, branch_no, service_area_id, company_id, classify, product_brand, category,
     section_route_id, direction, is_manual_entry, co_company)
  SELECT md5('hw:branch:' || b.branch_no), b.version, b.create_ts, b.created_by, b.update_ts, b.updated_by,
         b.delete_ts, b.deleted_by, b.branch_name, b.branch_no, a.id, a.company_id, b.classify,
         b.product_brand, b.category, a.section_id, b.direction, b.is_manual_entry, b.co_company
  FROM public.highway_demo_branches() b
  JOIN public.highway_demo_area_info() a ON a.no = b.area_no
  WHERE NOT EXISTS (SELECT 1 FROM public.bss_branch x WHERE x.id = md5('hw:branch:' || b.branch_no));
  GET DIAGNOSTICS n = ROW_COUNT;
  n_total := n_total + n;
  RETURN n_total;
END
$fn$;

-- ===========================================================================
-- 8. Run: reference data, then the daily data up to yesterday (only the days
--    not generated yet; a day is loaded once it has closed), then fresh
--    planner statistics
-- ===========================================================================
SELECT public.highway_demo_seed() AS highway_demo_reference_rows_added;

SELECT public.highway_demo_fill(
         (SELECT coalesce(least(
                   (SELECT max(oper_date) FROM public.bss_business_day_data),
                   (SELECT max(count_date) FROM public.bss_car_day_count)),
                   DATE '2021-12-31') + 1),
         CURRENT_DATE - 1) AS highway_demo_rows_added;

ANALYZE public.bss_company;
ANALYZE public.bss_section_route;
ANALYZE public.bss_service_area;
ANALYZE public.bss_section_route_area_link;
ANALYZE public.bss_service_area_mapper;
ANALYZE public.bss_branch;
ANALYZE public.bss_business_day_data;
ANALYZE public.bss_car_day_count;
