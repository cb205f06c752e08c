-- Rows for the fixture models (highway.json, sales.json) on PostgreSQL; the tables are created from the models.
-- Today is 2026-11-22. Soft-deleted rows (delete_ts set) must never be counted.

INSERT INTO company (id, company_name) VALUES
    ('C1', '宜春分公司'), ('C2', '南昌分公司'), ('C3', '九江分公司');

INSERT INTO service_area (id, service_area_name, state, company_id, delete_ts) VALUES
    ('S1', '宜春服务区', '营业中', 'C1', NULL),
    ('S2', '南昌西服务区', '营业中', 'C2', NULL),
    ('S3', '庐山服务区', '营业中', 'C3', NULL),
    ('S4', '赣州服务区', '暂停营业', 'C2', NULL),
    ('S9', '旧九江服务区', '暂停营业', 'C3', '2026-01-05 10:00:00');

INSERT INTO business_day (service_area_id, oper_date, pay_total, cash_pay, wechat_pay, order_total, cash_orders,
        avg_ticket, delete_ts) VALUES
    ('S1', '2026-11-21', 12000, 3000, 9000, 400, 100, 30, NULL),
    ('S1', '2026-11-20', 8500, 2000, 6500, 300, 80, 28.3, NULL),
    ('S2', '2026-11-21', 20000, 2000, 18000, 600, 50, 33.3, NULL),
    ('S3', '2026-11-18', 5000, 1500, 3500, 200, 60, 25, NULL),
    ('S4', '2026-10-10', 3000, 1200, 1800, 40, 30, 75, NULL),
    ('S1', '2026-10-15', 9000, 4500, 4500, 350, 150, 25.7, NULL),
    ('S2', '2025-08-15', 15000, 3000, 12000, 520, 90, 28.8, NULL),
    ('S3', '2025-03-01', 4000, 800, 3200, 160, 40, 25, NULL),
    ('S1', '2026-11-21', 99999, 0, 99999, 9999, 0, 10, '2026-11-22 08:00:00'),
    ('S9', '2026-11-21', 7777, 777, 7000, 77, 7, 101, NULL);

INSERT INTO vehicle_count (service_area_id, count_date, car_type, vehicle_num) VALUES
    ('S1', '2026-11-10', '小型客车', 500),
    ('S1', '2026-11-12', '货车', 120),
    ('S2', '2026-11-11', '大型客车', 80),
    ('S3', '2026-11-14', '货车', 60),
    ('S3', '2026-10-05', '小型客车', 300),
    ('S2', '2025-06-01', '货车', 50);

INSERT INTO customers (customer_id, customer_name, city, segment) VALUES
    ('C1', 'Alice', 'Berlin', 'Consumer'),
    ('C2', 'Bob', 'Paris', 'Corporate'),
    ('C3', 'Carla', 'London', 'Home Office'),
    ('C4', 'Dan', 'Berlin', 'Corporate'),
    ('C5', 'Eve', 'Madrid', 'Consumer');

INSERT INTO products (product_id, product_name, category, unit_price) VALUES
    ('P1', 'Desk', 'Furniture', 200),
    ('P2', 'Laptop', 'Technology', 1000),
    ('P3', 'Paper', 'Office Supplies', 5),
    ('P4', 'Chair', 'Furniture', 80);

INSERT INTO orders (order_id, customer_id, product_id, order_date, amount, quantity, shipping_cost, discount) VALUES
    (1, 'C1', 'P1', '2026-11-20 10:30:00', 400, 2, 20, 0.1),
    (2, 'C2', 'P2', '2026-11-21 09:00:00', 2000, 2, 50, 0.05),
    (3, 'C4', 'P3', '2026-10-15 14:00:00', 50, 10, 5, 0),
    (4, 'C1', 'P2', '2025-08-10 12:00:00', 1000, 1, 30, 0.2),
    (5, 'C3', 'P1', '2025-02-01 08:00:00', 600, 3, 25, 0.15),
    (6, 'C2', 'P3', '2026-11-22 18:00:00', 25, 5, 2, 0),
    (7, 'C5', 'P4', '2026-03-03 11:00:00', 240, 3, 12, 0.1),
    (8, 'C4', 'P2', '2024-05-05 16:00:00', 3000, 3, 60, 0.1);
