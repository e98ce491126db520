"""Certificates per second: the batch path against one WeasyPrint document per certificate.

    .venv/bin/python benchmarks/certificates.py --n 1000 [--theme classic] [--workers 2]

The batch path (render_certificate_batch) renders chunks of certificates together, spread over
processes, and writes one PDF per certificate and the combined PDF from the same rendering:
both are counted. The plain loop is what anyone would write with WeasyPrint's public API alone:
for each certificate, the theme's certificate.html filled for it (the same theme, fonts and QR
code), then one HTML(...).write_pdf() with the theme's page size, in this process. It runs on
at most --loop-n certificates (60 by default) to keep the benchmark short; its rate is per
certificate all the same. Wall-clock time, not CPU time: run it on a quiet machine, more than
once.
"""

import argparse
import itertools
import os
import time
from datetime import date

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from awards.printing.documents import BATCH_CHUNK_SIZE, render_certificate_batch
from awards.printing.environment import fill_template
from awards.printing.paper import page_css
from awards.printing.themes import load_theme
from awards.printing.values import certificate_context

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
            "verify_url": f"https://awards.example.kz/verify/wp{number:04d}q7fk2mxv9lpr",
        }
        for number in range(1, count + 1)
    ]


def plain_weasyprint(theme_name: str, certificate: dict) -> bytes:
    """One certificate the way WeasyPrint's documentation shows: its HTML, the page size as a
    stylesheet, a FontConfiguration for the theme's @font-face rules, write_pdf()."""
    theme = load_theme(theme_name)
    html = fill_template(
        theme, "certificate.html", certificates=[certificate_context(certificate, theme)]
    )
    font_config = FontConfiguration()
    page = CSS(string=page_css(theme.certificate_page_size), font_config=font_config)
    return HTML(string=html, base_url=f"{theme.path}/").write_pdf(
        stylesheets=[page], font_config=font_config
    )


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
        lambda: [plain_weasyprint(args.theme, one) for one in certificates[:loop_n]]
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
        f"plain loop, one HTML(...).write_pdf() per certificate, on {loop_n} of them: "
        f"{loop_rate:.1f} certificates/s ({loop_seconds:.1f} s)"
    )
    print(f"ratio: {batch_rate / loop_rate:.1f}x (goal: at least 5x and 150 certificates/s)")


if __name__ == "__main__":
    main()
