#!/usr/bin/python3
"""The Python peer of bench/run-all: reads the generated board's pages the way
the popular Python scrapers (python-jobspy and its kin) do, with BeautifulSoup
and the standard library's html.parser, and prints the process CPU seconds of
the median pass.

For each search page: every card's id, title, company, location, date, salary
and link. For each employer page: the JobPosting JSON-LD (json.loads), its
description turned into text with BeautifulSoup, the place and pay.

usage: peer.py DIR [PASSES]
"""
import json
import os
import statistics
import sys
import time

from bs4 import BeautifulSoup


def read_cards(html):
    soup = BeautifulSoup(html, "html.parser")
    cards = []
    for card in soup.find_all(class_="base-search-card"):
        urn = card.get("data-entity-urn", "")
        title = card.find(class_="base-search-card__title")
        company = card.find(class_="base-search-card__subtitle")
        location = card.find(class_="job-search-card__location")
        salary = card.find(class_="job-search-card__salary-info")
        date = card.find("time")
        cards.append({
            "id": urn.rsplit(":", 1)[-1],
            "title": title.get_text(strip=True) if title else None,
            "company": company.get_text(strip=True) if company else None,
            "location": location.get_text(strip=True) if location else None,
            "salary": salary.get_text(strip=True) if salary else None,
            "date_posted": date.get("datetime") if date else None,
            "job_url": card.get("href", "").split("?")[0],
        })
    return cards


def read_posting(html):
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("@type") == "JobPosting":
            description = BeautifulSoup(data.get("description", ""), "html.parser").get_text("\n", strip=True)
            place = (data.get("jobLocation") or [{}])[0].get("address", {})
            pay = (data.get("baseSalary") or {}).get("value", {})
            return {
                "title": data.get("title"),
                "company": (data.get("hiringOrganization") or {}).get("name"),
                "description": description,
                "city": place.get("addressLocality"),
                "state": place.get("addressRegion"),
                "country": place.get("addressCountry"),
                "min_amount": pay.get("minValue"),
                "max_amount": pay.get("maxValue"),
                "job_type": data.get("employmentType"),
                "date_posted": data.get("datePosted"),
            }
    return None


def main():
    folder = sys.argv[1]
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    pages = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".html"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                pages.append((name.startswith("search-"), f.read()))
    times = []
    for _ in range(passes):
        cards = postings = 0
        start = time.process_time()
        for is_search, html in pages:
            if is_search:
                cards += len(read_cards(html))
            elif read_posting(html):
                postings += 1
        times.append(time.process_time() - start)
    print(f"cards {cards}\npostings {postings}\ncpu_s_median {statistics.median(times):.4f}")


if __name__ == "__main__":
    main()
