//! Writes a synthetic organisation as a roster CSV, for benchmarks: `N` people (default
//! 100,000), each manager with 5–10 reports, filled level by level from one root. Deterministic
//! for a given seed. Prints the CSV on stdout and, on stderr, a manager and a person to measure
//! pages with (`manager=EMAIL`, `person=EMAIL`).
//!
//! Run: `cargo run --release --example synthetic_org -- 100000 > org.csv`

use std::io::{BufWriter, Write};

/// A small deterministic generator (xorshift64*); benchmark data needs no better.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

const FIRST: [&str; 16] = [
    "Ada", "Bo", "Cem", "Dina", "Eun", "Femi", "Gal", "Hiro", "Ines", "Jon", "Kemal", "Lia", "Mo", "Nia", "Oli", "Pau",
];
const LAST: [&str; 16] = [
    "Abe", "Berg", "Cruz", "Dahl", "Egan", "Fuchs", "Gold", "Hale", "Ito", "Jung", "Kaur", "Lowe", "Mori", "Ng",
    "Ortega", "Park",
];
const DEPARTMENTS: [&str; 6] = ["Engineering", "Operations", "Sales", "Support", "Finance", "People"];

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    let mut random = Random(seed.max(1));
    let mut manager_of: Vec<Option<usize>> = vec![None];
    let mut level: Vec<usize> = vec![0];
    let mut next_manager = 0;
    while manager_of.len() < count {
        let reports = random.between(5, 10) as usize;
        for _ in 0..reports.min(count - manager_of.len()) {
            manager_of.push(Some(next_manager));
            level.push(level[next_manager] + 1);
        }
        next_manager += 1;
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    writeln!(out, "employee_id,first_name,last_name,email,title,department,manager_id,start_date")?;
    for (i, manager) in manager_of.iter().enumerate() {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len()) % LAST.len()];
        let title = if i < next_manager { "Manager" } else { "Specialist" };
        let department = DEPARTMENTS[i % DEPARTMENTS.len()];
        let manager = manager.map(|m| format!("B{m:06}")).unwrap_or_default();
        writeln!(
            out,
            "B{i:06},{first},{last} {i},p{i}@bench.example,{title},{department},{manager},2020-01-{:02}",
            i % 28 + 1
        )?;
    }
    out.flush()?;
    // A manager in the middle of the tree (their reports manage others) and a person at the bottom.
    let middle = level.iter().max().copied().unwrap_or(0) / 2;
    let manager = (0..next_manager).find(|&i| level[i] == middle.max(1)).unwrap_or(0);
    let person = count - 1;
    eprintln!("manager=p{manager}@bench.example");
    eprintln!("person=p{person}@bench.example");
    eprintln!("levels={}", level.iter().max().copied().unwrap_or(0) + 1);
    Ok(())
}
