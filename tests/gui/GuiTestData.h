#pragma once

#include <QString>

namespace quantlens::test {

/// Writes a small synthetic SemanticKITTI sequence (seeded, a few scans) into
/// a fresh folder under QUANTLENS_TEST_TMP and returns the sequence folder.
QString writeSyntheticSequence(const QString& name, int scans);

} // namespace quantlens::test
