//! The README documents every finding id (it tells the truth about the schema).

#[test]
fn readme_lists_every_finding_id() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let missing: Vec<&str> =
        certscope::FindingId::ALL.iter().map(|id| id.as_str()).filter(|id| !readme.contains(&format!("| `{id}` |"))).collect();
    assert!(missing.is_empty(), "README.md lacks these finding ids: {missing:?}");
}

#[test]
fn readme_has_the_two_commands() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    assert!(readme.contains("./build.sh serve") && readme.contains("./build.sh test"));
}
