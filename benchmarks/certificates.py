"""Certificates per second: the batch path against one WeasyPrint document per certificate.

    .venv/bin/python benchmarks/certificates.py --n 1000 [--theme classic] [--workers 2]

The batch path (render_certificate_batch) renders chunks of certificates together, spread over
processes, and writes one PDF per certificate and the combined print-shop PDF from the same
rendering: both are counted. The plain loop calls render_certificates once per certificate in
this process and so writes one PDF per certificate; it runs on at most --loop-n certificates
(60 by default) to keep the benchmark short, and its rate is per certificate all the same.
Wall-clock time, not CPU time: run it on a quiet machine, more than once.
"""

import argparse
import itertools
import os
import time
from datetime import date

from awards.printing.documents import (
    BATCH_CHUNK_SIZE,
    render_certificate_batch,
    render_certificates,
)

CITATION = {
    "kk": "колледждермен дуалды оқыту мен тәлімгерлікті дамытудағы серіктестігі үшін",
    "ru": "за партнёрство с колледжами в развитии дуального обучения и наставничества",
}


def demo_certificates(count: int) -> list[dict]:
    """``count`` laureate certificates cycling through the 2025 ceremony's organizations."""
    # Imported here, not at the top: each worker process starts by importing this script
    # again, and the demo module brings the whole web application with it (2 s or more).
    from awards.operations.demo_texts import (
        CATEGORIES,
        EDUCATION_DEPARTMENT,
        KAZZINC,
        SOCIAL_PARTNERS,
    )

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


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="certificates (default 1000)")
    parser.add_argument("--loop-n", type=int, default=60, help="for the plain loop (default 60)")
    parser.add_argument("--theme", default="classic")
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--chunk-size", type=int, default=BATCH_CHUNK_SIZE)
    args = parser.parse_args()
    certificates = demo_certificates(args.n)
    loop_n = min(args.n, args.loop_n)

    batch, batch_seconds = timed(
        lambda: render_certificate_batch(
            args.theme, certificates, chunk_size=args.chunk_size, workers=args.workers
        )
    )
    loop, loop_seconds = timed(
        lambda: [render_certificates(args.theme, [one]) for one in certificates[:loop_n]]
    )
    assert len(batch.files) == args.n and batch.combined and len(loop) == loop_n

    batch_rate, loop_rate = args.n / batch_seconds, loop_n / loop_seconds
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"theme {args.theme}, {os.cpu_count()} CPUs, load average before the end {load}")
    print(
        f"batch, {args.n} certificates ({args.workers} workers, chunks of {args.chunk_size}): "
        f"{batch_rate:.1f} certificates/s ({batch_seconds:.1f} s for {args.n} files "
        f"and the combined PDF of {len(batch.combined) / 1e6:.1f} MB)"
    )
    print(
        f"plain loop, one document per certificate, on {loop_n} of them: "
        f"{loop_rate:.1f} certificates/s ({loop_seconds:.1f} s)"
    )
    print(f"ratio: {batch_rate / loop_rate:.1f}x")


if __name__ == "__main__":
    main()
