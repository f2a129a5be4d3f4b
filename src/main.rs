fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let format = galley::source::Format::from_path(path.as_ref()).unwrap();
    let doc = galley::source::read_bytes(&path, format, &bytes).unwrap();
    let ms = galley::manuscript::Manuscript::detect(&doc);
    let idx = galley::position::LineIndex::new(&doc.text);
    let line = |t: &galley::source::MappedText| idx.line_of(t.source_span().start);
    if let Some(t) = &ms.title { println!("title {} {}", line(t), t.as_str()); }
    for a in &ms.abstracts { println!("abstract {} {:?} words={} det={} heading={:?}", line(&a.text), a.language, a.words, a.language_detected, a.heading.as_ref().map(|h| h.as_str())); }
    for k in &ms.keywords { println!("keywords {:?} {:?} {:?}", k.language, k.heading.as_str(), k.items.iter().map(|i| i.as_str()).collect::<Vec<_>>()); }
    for h in &ms.headings { println!("heading {} {:?} {}", line(&h.text), h.number, h.text.as_str()); }
    for a in &ms.authors { println!("author {} {}", line(a), a.as_str()); }
    if let Some(r) = &ms.references { println!("refs {} entries, {}..{}", r.entries.len(), line(&r.entries[0]), line(r.entries.last().unwrap())); for e in &r.entries { println!("  {} {}", line(e), &e.as_str()[..40.min(e.as_str().len())]); } }
    for t in &ms.trailing { println!("trailing {} {}", line(t), t.as_str()); }
    println!("language {:?}", ms.language);
    for u in &ms.units { println!("unit {:?} {:?} {}", u.part, u.language, line(&u.text)); }
}
