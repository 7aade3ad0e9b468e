#!/usr/bin/env python3
"""Writes N valid customer rows (Chinese headers, UTF-8) for import benchmarks: unique resident ID numbers with
correct check characters, mobile numbers, provinces, and the given agent codes round-robin.
usage: gen-customers.py N AGENT_CODE[,AGENT_CODE...] > customers.csv"""
import random
import sys

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
REGIONS = [("11", "北京市", "北京"), ("31", "上海市", "上海"), ("33", "浙江省", "杭州"), ("44", "广东省", "广州"),
           ("32", "江苏省", "南京"), ("51", "四川省", "成都"), ("42", "湖北省", "武汉"), ("37", "山东省", "济南")]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚"


def id_number(region, n):
    year = 1950 + n % 50
    month = 1 + (n // 50) % 12
    day = 1 + (n // 600) % 28
    seq = (n // 16800) % 1000
    first17 = f"{region}{(n % 10000):04d}{year:04d}{month:02d}{day:02d}{seq:03d}"
    return first17 + CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


def main():
    count = int(sys.argv[1])
    agents = sys.argv[2].split(",")
    rnd = random.Random(20261122)
    out = sys.stdout
    out.write("姓名,身份证号,手机号,省份,城市,代理人工号,职业,婚姻状况\n")
    for n in range(count):
        code, province, city = REGIONS[n % len(REGIONS)]
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + rnd.choice(GIVEN)
        phone = f"13{n % 10}{n:08d}"[:11]
        out.write(f"{name},{id_number(code, n)},{phone},{province},{city},{agents[n % len(agents)]},职员,"
                  f"{'已婚' if n % 3 else '未婚'}\n")


main()
