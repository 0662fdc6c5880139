#!/usr/bin/env python3
"""Writes an import CSV (the template's Chinese headers) with ROWS rows: enterprises x 3 fiscal years.
Credit codes carry a valid GB 32100 check character. Used by bench/load/import.sh."""
import random, sys

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
HEADERS = ["统一社会信用代码", "企业名称", "行政区划代码", "行业代码", "成立日期", "年度", "营业收入（万元）", "主营业务收入（万元）",
           "研发费用（万元）", "净利润（万元）", "资产总额（万元）", "负债总额（万元）", "从业人员（人）", "研发人员（人）", "新增股权融资（万元）"]
COUNTIES = ["330102", "330105", "330106", "330108", "420102", "420103"]

def credit_code(first17):
    s = sum(ALPHABET.index(c) * WEIGHTS[i] for i, c in enumerate(first17))
    return first17 + ALPHABET[(31 - s % 31) % 31]

def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(7)
    with open(out, "w", encoding="utf-8-sig", newline="") as f:
        f.write(",".join(HEADERS) + "\r\n")
        n = 0
        i = 0
        while n < rows:
            county = COUNTIES[i % len(COUNTIES)]
            serial = "".join(rng.choice(ALPHABET[:31]) for _ in range(8))
            code = credit_code("91" + county + serial + "A")
            revenue = rng.uniform(500, 50000)
            for year in (2023, 2024, 2025):
                if n == rows:
                    break
                rev = revenue * (1 + 0.1 * (year - 2025))
                f.write(f"{code},负载测试企业{i:06d},{county},C3484,2012-03-01,{year},{rev:.2f},{rev*0.9:.2f},{rev*0.05:.2f},{rev*0.08:.2f},{rev*1.3:.2f},{rev*0.6:.2f},{int(rev/60)+5},{int(rev/400)+1},0\r\n")
                n += 1
            i += 1

main()
