-- highway_db: schema of the demo database for the highway service-area
-- management system (高速公路服务区管理系统).
--
-- Plain SQL only (no psql meta-commands), safe to run repeatedly and as one
-- JDBC Statement.execute(String). Table names, column names, column order,
-- types, primary keys and index names follow the production system.

-- ---------------------------------------------------------------------------
-- bss_company: 分公司
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.bss_company (
    id           varchar(32)  NOT NULL,
    version      integer      NOT NULL,
    create_ts    timestamp without time zone,
    created_by   varchar(50),
    update_ts    timestamp without time zone,
    updated_by   varchar(50),
    delete_ts    timestamp without time zone,
    deleted_by   varchar(50),
    company_name varchar(255),
    company_no   varchar(255),
    CONSTRAINT bss_company_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE public.bss_company IS '公司表：高速公路运营分公司的名称与编码，服务区按公司归属管理';
COMMENT ON COLUMN public.bss_company.id IS '公司ID（32位主键）';
COMMENT ON COLUMN public.bss_company.version IS '版本号（乐观锁）';
COMMENT ON COLUMN public.bss_company.create_ts IS '创建时间';
COMMENT ON COLUMN public.bss_company.created_by IS '创建人';
COMMENT ON COLUMN public.bss_company.update_ts IS '最后修改时间';
COMMENT ON COLUMN public.bss_company.updated_by IS '最后修改人';
COMMENT ON COLUMN public.bss_company.delete_ts IS '逻辑删除时间，为空表示有效记录';
COMMENT ON COLUMN public.bss_company.deleted_by IS '逻辑删除操作人';
COMMENT ON COLUMN public.bss_company.company_name IS '公司名称，如宜春分公司、上饶分公司';
COMMENT ON COLUMN public.bss_company.company_no IS '公司编码，如H01～H08，Q01表示其他公司管辖';

-- ---------------------------------------------------------------------------
-- bss_section_route: 路段/路线
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.bss_section_route (
    id           varchar(32)  NOT NULL,
    version      integer      NOT NULL,
    create_ts    timestamp without time zone,
    created_by   varchar(50),
    update_ts    timestamp without time zone,
    updated_by   varchar(50),
    delete_ts    timestamp without time zone,
    deleted_by   varchar(50),
    section_name varchar(255),
    route_name   varchar(255),
    code         varchar(255),
    CONSTRAINT bss_section_route_pkey PRIMARY KEY (id)
);

COMMENT ON TABLE public.bss_section_route IS '路段路线表：高速公路路段名称、所属路线名称及路段编号';
COMMENT ON COLUMN public.bss_section_route.id IS '路段ID（32位主键）';
COMMENT ON COLUMN public.bss_section_route.version IS '版本号（乐观锁）';
COMMENT ON COLUMN public.bss_section_route.create_ts IS '创建时间';
COMMENT ON COLUMN public.bss_section_route.created_by IS '创建人';
COMMENT ON COLUMN public.bss_section_route.update_ts IS '最后修改时间';
COMMENT ON COLUMN public.bss_section_route.updated_by IS '最后修改人';
COMMENT ON COLUMN public.bss_section_route.delete_ts IS '逻辑删除时间，为空表示有效记录';
COMMENT ON COLUMN public.bss_section_route.deleted_by IS '逻辑删除操作人';
COMMENT ON COLUMN public.bss_section_route.section_name IS '路段名称，如昌栗、昌九、梨温';
COMMENT ON COLUMN public.bss_section_route.route_name IS '路线名称，如沪昆、杭瑞；“/”表示未指定路线';
COMMENT ON COLUMN public.bss_section_route.code IS '路段编号，如SR0001';

-- ---------------------------------------------------------------------------
-- bss_service_area: 服务区
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.bss_service_area (
    id                varchar(32)  NOT NULL,
    version           integer      NOT NULL,
    create_ts         timestamp without time zone,
    created_by        varchar(50),
    update_ts         timestamp without time zone,
    updated_by        varchar(50),
    delete_ts         timestamp without time zone,
    deleted_by        varchar(50),
    service_area_name varchar(255),
    service_area_no   varchar(255),
    company_id        varchar(32),
    service_position  varchar(255),
    service_area_type varchar(50),
    service_state     varchar(50),
    CONSTRAINT bss_service_area_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS idx_bss_service_area_on_company
    ON public.bss_service_area (company_id);

COMMENT ON TABLE public.bss_service_area IS '服务区表：服务区名称、编码、经纬度、类型、运营状态及所属公司';
COMMENT ON COLUMN public.bss_service_area.id IS '服务区ID（32位主键），其他表的service_area_id指向此列';
COMMENT ON COLUMN public.bss_service_area.version IS '版本号（乐观锁）';
COMMENT ON COLUMN public.bss_service_area.create_ts IS '创建时间';
COMMENT ON COLUMN public.bss_service_area.created_by IS '创建人';
COMMENT ON COLUMN public.bss_service_area.update_ts IS '最后修改时间';
COMMENT ON COLUMN public.bss_service_area.updated_by IS '最后修改人';
COMMENT ON COLUMN public.bss_service_area.delete_ts IS '逻辑删除时间，为空表示有效记录';
COMMENT ON COLUMN public.bss_service_area.deleted_by IS '逻辑删除操作人';
COMMENT ON COLUMN public.bss_service_area.service_area_name IS '服务区名称，如宜春服务区、庐山服务区、白鹭湖停车区';
COMMENT ON COLUMN public.bss_service_area.service_area_no IS '服务区编码，如H0501、Q0103；与营业数据表的service_no对应';
COMMENT ON COLUMN public.bss_service_area.company_id IS '所属公司ID，关联bss_company.id；为空表示未归属分公司';
COMMENT ON COLUMN public.bss_service_area.service_position IS '服务区经纬度，格式“经度,纬度”';
COMMENT ON COLUMN public.bss_service_area.service_area_type IS '服务区类型：信息化服务区、智能化服务区';
COMMENT ON COLUMN public.bss_service_area.service_state IS '服务区状态：开放、关闭、上传数据';

-- ---------------------------------------------------------------------------
-- bss_section_route_area_link: 路段与服务区关联
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.bss_section_route_area_link (
    section_route_id varchar(32) NOT NULL,
    service_area_id  varchar(32) NOT NULL,
    CONSTRAINT bss_section_route_area_link_pkey PRIMARY KEY (section_route_id, service_area_id)
);

CREATE INDEX IF NOT EXISTS fk_bss_section_area_link
    ON public.bss_section_route_area_link (service_area_id);

COMMENT ON TABLE public.bss_section_route_area_link IS '路段服务区关联表：记录服务区位于哪个路段（多对多）';
COMMENT ON COLUMN public.bss_section_route_area_link.section_route_id IS '路段ID，关联bss_section_route.id';
COMMENT ON COLUMN public.bss_section_route_area_link.service_area_id IS '服务区ID，关联bss_service_area.id';

-- ---------------------------------------------------------------------------
-- bss_service_area_mapper: 服务区在各业务系统中的编码映射
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.bss_service_area_mapper (
    id                 varchar(32)  NOT NULL,
    version            integer      NOT NULL,
    create_ts          timestamp without time zone,
    created_by         varchar(50),
    update_ts          timestamp without time zone,
    updated_by         varchar(50),
    delete_ts          timestamp without time zone,
    deleted_by         varchar(50),
    service_name       varchar(255),
    service_no         varchar(255),
    service_area_id    varchar(32),
    source_system_type varchar(50),
    source_type        integer,
    CONSTRAINT bss_service_area_mapper_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS idx_bss_service_area_mapper_on_service_area
    ON public.bss_service_area_mapper (service_area_id);

COMMENT ON TABLE public.bss_service_area_mapper IS '服务区编码映射表：同一服务区在不同来源系统中的名称与编码，营业数据的service_no可通过此表对应到服务区';
COMMENT ON COLUMN public.bss_service_area_mapper.id IS '映射记录ID（32位主键）';
COMMENT ON COLUMN public.bss_service_area_mapper.version IS '版本号（乐观锁）';
COMMENT ON COLUMN public.bss_service_area_mapper.create_ts IS '创建时间';
COMMENT ON COLUMN public.bss_service_area_mapper.created_by IS '创建人';
COMMENT ON COLUMN public.bss_service_area_mapper.update_ts IS '最后修改时间';
COMMENT ON COLUMN public.bss_service_area_mapper.updated_by IS '最后修改人';
COMMENT ON COLUMN public.bss_service_area_mapper.delete_ts IS '逻辑删除时间，为空表示有效记录';
COMMENT ON COLUMN public.bss_service_area_mapper.deleted_by IS '逻辑删除操作人';
COMMENT ON COLUMN public.bss_service_area_mapper.service_name IS '来源系统中的服务区名称';
COMMENT ON COLUMN public.bss_service_area_mapper.service_no IS '来源系统中的服务区编码，对应营业数据表的service_no';
COMMENT ON COLUMN public.bss_service_area_mapper.service_area_id IS '服务区ID，关联bss_service_area.id';
COMMENT ON COLUMN public.bss_service_area_mapper.source_system_type IS '来源系统名称：商业管理、驿购、驿美、手工录入、司乘管理';
COMMENT ON COLUMN public.bss_service_area_mapper.source_type IS '来源系统类别ID：0商业管理、1驿购、3驿美、4手工录入、5司乘管理';

-- ---------------------------------------------------------------------------
-- bss_branch: 服务区档口（经营网点）
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.bss_branch (
    id               varchar(32)  NOT NULL,
    version          integer      NOT NULL,
    create_ts        timestamp without time zone,
    created_by       varchar(50),
    update_ts        timestamp without time zone,
    updated_by       varchar(50),
    delete_ts        timestamp without time zone,
    deleted_by       varchar(50),
    branch_name      varchar(255),
    branch_no        varchar(255),
    service_area_id  varchar(32),
    company_id       varchar(32),
    classify         varchar(256),
    product_brand    varchar(256),
    category         varchar(256),
    section_route_id varchar(32),
    direction        varchar(256),
    is_manual_entry  integer DEFAULT 0,
    co_company       varchar(256)
);

CREATE INDEX IF NOT EXISTS idx_area_id ON public.bss_branch (service_area_id);
CREATE INDEX IF NOT EXISTS idx_brach_no ON public.bss_branch (branch_no);
CREATE INDEX IF NOT EXISTS idx_company_id ON public.bss_branch (company_id);

COMMENT ON TABLE public.bss_branch IS '档口表：服务区内餐饮、小吃、便利店等经营档口的编码、品类、品牌、方位及合作单位';
COMMENT ON COLUMN public.bss_branch.id IS '档口记录ID（32位）';
COMMENT ON COLUMN public.bss_branch.version IS '版本号（乐观锁）';
COMMENT ON COLUMN public.bss_branch.create_ts IS '创建时间';
COMMENT ON COLUMN public.bss_branch.created_by IS '创建人或导入来源';
COMMENT ON COLUMN public.bss_branch.update_ts IS '最后修改时间';
COMMENT ON COLUMN public.bss_branch.updated_by IS '最后修改人或导入来源';
COMMENT ON COLUMN public.bss_branch.delete_ts IS '逻辑删除时间，为空表示有效记录';
COMMENT ON COLUMN public.bss_branch.deleted_by IS '逻辑删除操作人';
COMMENT ON COLUMN public.bss_branch.branch_name IS '档口名称，如庐山鲜徕客东区、南城餐饮西区';
COMMENT ON COLUMN public.bss_branch.branch_no IS '档口编码，与营业数据表的branch_no对应';
COMMENT ON COLUMN public.bss_branch.service_area_id IS '所在服务区ID，关联bss_service_area.id';
COMMENT ON COLUMN public.bss_branch.company_id IS '所属公司ID，关联bss_company.id';
COMMENT ON COLUMN public.bss_branch.classify IS '品类：餐饮、小吃、便利店、其他、整体租赁';
COMMENT ON COLUMN public.bss_branch.product_brand IS '经营品牌';
COMMENT ON COLUMN public.bss_branch.category IS '细分类别，如中餐、快餐、卤味、水果';
COMMENT ON COLUMN public.bss_branch.section_route_id IS '所在路段ID，关联bss_section_route.id';
COMMENT ON COLUMN public.bss_branch.direction IS '档口所在方位：东区、西区、南区、北区';
COMMENT ON COLUMN public.bss_branch.is_manual_entry IS '营业数据是否手工录入：0系统自动采集，1手工录入';
COMMENT ON COLUMN public.bss_branch.co_company IS '合作经营单位名称';

-- ---------------------------------------------------------------------------
-- bss_business_day_data: 服务区档口日营业数据
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.bss_business_day_data (
    id           varchar(32)   NOT NULL,
    version      integer       NOT NULL,
    create_ts    timestamp without time zone,
    created_by   varchar(50),
    update_ts    timestamp without time zone,
    updated_by   varchar(50),
    delete_ts    timestamp without time zone,
    deleted_by   varchar(50),
    oper_date    date,
    service_no   varchar(255),
    service_name varchar(255),
    branch_no    varchar(255),
    branch_name  varchar(255),
    wx           numeric(19,4),
    wx_order     integer,
    zfb          numeric(19,4),
    zf_order     integer,
    rmb          numeric(19,4),
    rmb_order    integer,
    xs           numeric(19,4),
    xs_order     integer,
    jd           numeric(19,4),
    jd_order     integer,
    order_sum    integer,
    pay_sum      numeric(19,4),
    source_type  integer,
    CONSTRAINT bss_business_day_data_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS idx_branch_no ON public.bss_business_day_data (branch_no);
CREATE INDEX IF NOT EXISTS idx_oper_date ON public.bss_business_day_data (oper_date);

COMMENT ON TABLE public.bss_business_day_data IS '营业日数据表：每个服务区档口每天按支付方式（微信、支付宝、现金、行吧、金豆）统计的收款金额与订单数';
COMMENT ON COLUMN public.bss_business_day_data.id IS '营业日数据记录ID（32位主键）';
COMMENT ON COLUMN public.bss_business_day_data.version IS '版本号（乐观锁）';
COMMENT ON COLUMN public.bss_business_day_data.create_ts IS '创建（上传）时间';
COMMENT ON COLUMN public.bss_business_day_data.created_by IS '创建人或同步账号，如xingba';
COMMENT ON COLUMN public.bss_business_day_data.update_ts IS '最后修改时间';
COMMENT ON COLUMN public.bss_business_day_data.updated_by IS '最后修改人';
COMMENT ON COLUMN public.bss_business_day_data.delete_ts IS '逻辑删除时间，为空表示有效记录';
COMMENT ON COLUMN public.bss_business_day_data.deleted_by IS '逻辑删除操作人';
COMMENT ON COLUMN public.bss_business_day_data.oper_date IS '营业日期（统计日期）';
COMMENT ON COLUMN public.bss_business_day_data.service_no IS '服务区编码（来源系统编码），对应bss_service_area.service_area_no或bss_service_area_mapper.service_no';
COMMENT ON COLUMN public.bss_business_day_data.service_name IS '服务区名称';
COMMENT ON COLUMN public.bss_business_day_data.branch_no IS '档口编码';
COMMENT ON COLUMN public.bss_business_day_data.branch_name IS '档口名称';
COMMENT ON COLUMN public.bss_business_day_data.wx IS '微信支付金额（元）';
COMMENT ON COLUMN public.bss_business_day_data.wx_order IS '微信支付订单数';
COMMENT ON COLUMN public.bss_business_day_data.zfb IS '支付宝支付金额（元）';
COMMENT ON COLUMN public.bss_business_day_data.zf_order IS '支付宝支付订单数';
COMMENT ON COLUMN public.bss_business_day_data.rmb IS '现金支付金额（元）';
COMMENT ON COLUMN public.bss_business_day_data.rmb_order IS '现金支付订单数';
COMMENT ON COLUMN public.bss_business_day_data.xs IS '行吧支付金额（元）';
COMMENT ON COLUMN public.bss_business_day_data.xs_order IS '行吧支付订单数';
COMMENT ON COLUMN public.bss_business_day_data.jd IS '金豆支付金额（元）';
COMMENT ON COLUMN public.bss_business_day_data.jd_order IS '金豆支付订单数';
COMMENT ON COLUMN public.bss_business_day_data.order_sum IS '订单总数（各支付方式订单数之和）';
COMMENT ON COLUMN public.bss_business_day_data.pay_sum IS '支付总金额（元，各支付方式金额之和），即当日营收';
COMMENT ON COLUMN public.bss_business_day_data.source_type IS '数据来源类别：0商业管理、1驿购、3驿美、4手工录入（与bss_service_area_mapper.source_type一致）';

-- ---------------------------------------------------------------------------
-- bss_car_day_count: 服务区分车型日车流量
-- ---------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS public.bss_car_day_count (
    id              varchar(32)  NOT NULL,
    version         integer      NOT NULL,
    create_ts       timestamp without time zone,
    created_by      varchar(50),
    update_ts       timestamp without time zone,
    updated_by      varchar(50),
    delete_ts       timestamp without time zone,
    deleted_by      varchar(50),
    customer_count  bigint,
    car_type        varchar(100),
    count_date      date,
    service_area_id varchar(32),
    CONSTRAINT bss_car_day_count_pkey PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS idx_bss_car_day_count_on_service_area
    ON public.bss_car_day_count (service_area_id);

COMMENT ON TABLE public.bss_car_day_count IS '车流量日统计表：每个服务区每天按车型统计的进区车辆数';
COMMENT ON COLUMN public.bss_car_day_count.id IS '车流统计记录ID（32位主键）';
COMMENT ON COLUMN public.bss_car_day_count.version IS '版本号（乐观锁）';
COMMENT ON COLUMN public.bss_car_day_count.create_ts IS '创建时间';
COMMENT ON COLUMN public.bss_car_day_count.created_by IS '创建人或系统标识';
COMMENT ON COLUMN public.bss_car_day_count.update_ts IS '最后修改时间';
COMMENT ON COLUMN public.bss_car_day_count.updated_by IS '最后修改人或系统标识';
COMMENT ON COLUMN public.bss_car_day_count.delete_ts IS '逻辑删除时间，为空表示有效记录';
COMMENT ON COLUMN public.bss_car_day_count.deleted_by IS '逻辑删除操作人';
COMMENT ON COLUMN public.bss_car_day_count.customer_count IS '车辆数（当日进入服务区的该类车辆数量）';
COMMENT ON COLUMN public.bss_car_day_count.car_type IS '车辆类别：危化品、城际、过境、其他';
COMMENT ON COLUMN public.bss_car_day_count.count_date IS '统计日期';
COMMENT ON COLUMN public.bss_car_day_count.service_area_id IS '服务区ID，关联bss_service_area.id；为空表示未关联服务区的监测点';
