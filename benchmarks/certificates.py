"""Certificates per second: the batch path against one WeasyPrint document per certificate.

    .venv/bin/python benchmarks/certificates.py --n 1000 [--theme classic] [--workers 2]

The batch path renders chunks of certificates as one document each, splits them per recipient
with pypdf and spreads the chunks over processes; the plain loop calls render_certificates once
per certificate. Both produce one PDF per certificate.
"""

import argparse
import itertools
import os
import time
from datetime import date

from awards.certificates.rendering import (
    BATCH_CHUNK_SIZE,
    render_certificate_files,
    render_certificates,
)
from awards.demo import CATEGORIES, EDUCATION_DEPARTMENT, KAZZINC, SOCIAL_PARTNERS

CITATION = {
    "kk": "колледждермен дуалды оқыту мен тәлімгерлікті дамытудағы серіктестігі үшін",
    "ru": "за партнёрство с колледжами в развитии дуального обучения и наставничества",
}


def demo_certificates(count: int) -> list[dict]:
    """``count`` laureate certificates cycling through the 2025 ceremony's organizations."""
    names = itertools.cycle([KAZZINC, *SOCIAL_PARTNERS])
    return [
        {
            "kind": "laureate",
            "recipient": next(names),
            "category": CATEGORIES[1]["title"],
            "citation": CITATION,
            "program_title": {
                "kk": "«Жұмысшы мамандықтары жылы» қорытынды форумының марапаттары",
                "ru": "Награды форума по итогам Года рабочих профессий",
            },
            "organizing_body": EDUCATION_DEPARTMENT,
            "city": {"kk": "Өскемен қ.", "ru": "г. Усть-Каменогорск"},
            "date": date(2025, 12, 19),
            "signatories": [
                {
                    "name": {"kk": "Н. Сақтағанов", "ru": "Н. Сактаганов"},
                    "title": {"kk": "Облыс әкімі", "ru": "Аким области"},
                }
            ],
            "serial": f"WP-2025-{number:04d}",
            "verify_url": f"https://awards.example.kz/verify/wp2025-{number:04d}-Q7fK2mXv9LpR",
        }
        for number in range(1, count + 1)
    ]


def timed(work) -> tuple[list[bytes], float]:
    start = time.perf_counter()
    files = work()
    return files, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="certificates (default 1000)")
    parser.add_argument("--theme", default="classic")
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--chunk-size", type=int, default=BATCH_CHUNK_SIZE)
    args = parser.parse_args()
    certificates = demo_certificates(args.n)

    batch, batch_seconds = timed(
        lambda: render_certificate_files(
            args.theme, certificates, chunk_size=args.chunk_size, workers=args.workers
        )
    )
    loop, loop_seconds = timed(
        lambda: [render_certificates(args.theme, [certificate]) for certificate in certificates]
    )
    assert len(batch) == len(loop) == args.n

    batch_rate, loop_rate = args.n / batch_seconds, args.n / loop_seconds
    print(f"{args.n} certificates, theme {args.theme}, {os.cpu_count()} CPUs")
    print(
        f"batch ({args.workers} workers, chunks of {args.chunk_size}): "
        f"{batch_rate:.2f} certificates/s ({batch_seconds:.1f} s)"
    )
    print(f"one document per certificate: {loop_rate:.2f} certificates/s ({loop_seconds:.1f} s)")
    print(f"ratio: {batch_rate / loop_rate:.1f}x")


if __name__ == "__main__":
    main()
