/// The candidate closest to a misspelt `word`, when it is close enough to be what was meant:
/// at most one edit for short words, about one edit per three letters for longer ones.
func nearest(to word: String, among candidates: [String]) -> String? {
    let allowed = max(1, word.count / 3)
    return candidates.map { (candidate: $0, distance: editDistance(word, $0)) }
        .filter { $0.distance <= allowed }
        .min { $0.distance < $1.distance }?.candidate
}

/// ` (did you mean 'x'?)` for the nearest candidate, or nothing.
func didYouMean(_ word: String, among candidates: [String]) -> String {
    nearest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
}

/// Edits (insert, delete, replace, or swap two neighbours) that turn `a` into `b`. Swaps count once because
/// transposed letters (`platfrom`) are the commonest typo. Optimal string alignment distance.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
    // rows[i][j]: distance between the first i letters of a and the first j of b.
    var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { rows[i][0] = i }
    for j in 0...b.count { rows[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let replace = a[i - 1] == b[j - 1] ? 0 : 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + replace)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
            }
        }
    }
    return rows[a.count][b.count]
}
