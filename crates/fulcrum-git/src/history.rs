//! What the delivery metrics need of a repository: its tags (releases, for teams that tag
//! each one instead of logging deployments) and, for each deployed commit, every author's
//! commits it delivered.

use std::path::Path;

use gix::ObjectId;
use gix::objs::{CommitRefIter, Find, Kind, TagRefIter, commit::ref_iter::Token};

use crate::GitError;
use crate::scan::{canonical_path, corrupt, open, signature_time};

/// How many levels of tags-pointing-at-tags are followed before giving up.
const MAX_TAG_DEPTH: usize = 32;

/// A tag of a repository, peeled to its commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoTag {
    /// The name without `refs/tags/`.
    pub name: String,
    /// The full hexadecimal id of the commit it points at.
    pub commit: String,
    /// When it was made, seconds since the Unix epoch: the tagger's time for an annotated
    /// tag, the commit's committer time for a lightweight one (or an annotated tag that
    /// records no tagger).
    pub time: i64,
}

/// The tags of the repository at `path` that point (through any annotated tags) at a commit,
/// sorted by name. Broken tags are skipped, as git skips them.
pub fn tags(path: &Path) -> Result<Vec<RepoTag>, GitError> {
    let repo = open(path)?;
    let repo_path = canonical_path(&repo, path);
    let refs_error = |err: gix::Error| GitError::Refs {
        path: repo_path.clone(),
        message: err.to_string(),
    };
    let platform = repo.references().map_err(refs_error)?;
    let mut found = Vec::new();
    let mut buf = Vec::new();
    for reference in platform.tags().map_err(refs_error)? {
        let Ok(mut reference) = reference else {
            continue;
        };
        let Some(id) = crate::scan::target_id(&mut reference) else {
            continue;
        };
        let name = reference.name().shorten().to_string();
        if let Some((commit, time)) = peel(&repo, &repo_path, id, &mut buf)? {
            found.push(RepoTag {
                name,
                commit: commit.to_string(),
                time,
            });
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// The commit a tag points at and the tag's time; `None` for a tag of a tree or a blob, or
/// one whose object is missing.
fn peel(
    repo: &gix::Repository,
    path: &Path,
    mut id: ObjectId,
    buf: &mut Vec<u8>,
) -> Result<Option<(ObjectId, i64)>, GitError> {
    let hash_kind = repo.object_hash();
    let mut tagged: Option<i64> = None;
    for _ in 0..MAX_TAG_DEPTH {
        let data = match repo.objects.try_find(&id, buf) {
            Ok(Some(data)) => data,
            Ok(None) => return Ok(None),
            Err(err) => return Err(corrupt(path, format!("could not read object {id}: {err}"))),
        };
        match data.kind {
            Kind::Commit => {
                let time = match tagged {
                    Some(t) => t,
                    None => committer_time(data.data, hash_kind)
                        .map_err(|e| corrupt(path, format!("could not decode commit {id}: {e}")))?,
                };
                return Ok(Some((id, time)));
            }
            Kind::Tag => {
                let decode = |e: &dyn std::fmt::Display| {
                    corrupt(path, format!("could not decode tag {id}: {e}"))
                };
                if tagged.is_none() {
                    // The outermost tag is the release; a tag without a tagger takes the
                    // commit's time.
                    if let Ok(Some(tagger)) = TagRefIter::from_bytes(data.data, hash_kind).tagger()
                    {
                        tagged = Some(signature_time(tagger.time).0);
                    }
                }
                id = TagRefIter::from_bytes(data.data, hash_kind)
                    .target_id()
                    .map_err(|e| decode(&e))?;
            }
            Kind::Tree | Kind::Blob => return Ok(None),
        }
    }
    Ok(None)
}

fn committer_time(data: &[u8], hash_kind: gix::hash::Kind) -> Result<i64, String> {
    for token in CommitRefIter::from_bytes(data, hash_kind) {
        if let Token::Committer { signature } = token.map_err(|e| e.to_string())? {
            return Ok(signature_time(signature.time).0);
        }
    }
    Err("no committer".into())
}

/// A commit a deployment delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    /// Full hexadecimal object id.
    pub id: String,
    /// Author date, seconds since the Unix epoch.
    pub author_time: i64,
}

/// For each of `deployed` (whole or abbreviated commit hashes, in the order they were
/// deployed), the non-merge commits, by every author, reachable from it that no earlier one
/// of the list reaches: what that deployment delivered first. `None` for a hash the
/// repository has no commit for, or whose abbreviation names several commits.
///
/// Each commit is read once however many deployments there are. Merges are walked through
/// but not returned: a merge's own time is when branches came together, not when the change
/// was written. The boundary of a shallow clone is a root, and a missing parent ends its
/// line, as in `git log`.
pub fn delivered_by(
    path: &Path,
    deployed: &[&str],
) -> Result<Vec<Option<Vec<Delivered>>>, GitError> {
    let repo = open(path)?;
    let repo_path = canonical_path(&repo, path);
    let hash_kind = repo.object_hash();
    let shallow: gix::hashtable::HashSet<ObjectId> = repo
        .shallow_commits()
        .ok()
        .flatten()
        .map(|commits| commits.iter().copied().collect())
        .unwrap_or_default();
    let mut seen: gix::hashtable::HashSet<ObjectId> = Default::default();
    let mut buf = Vec::new();
    let mut out = Vec::with_capacity(deployed.len());
    for hash in deployed {
        let Some(tip) = resolve(&repo, &repo_path, hash, &mut buf)? else {
            out.push(None);
            continue;
        };
        let mut delivered = Vec::new();
        let mut stack = vec![tip];
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let data = match repo.objects.try_find(&id, &mut buf) {
                Ok(Some(data)) if data.kind == Kind::Commit => data,
                Ok(_) => continue,
                Err(err) => {
                    return Err(corrupt(
                        &repo_path,
                        format!("could not read commit {id}: {err}"),
                    ));
                }
            };
            let mut parents = Vec::new();
            let mut author_time = None;
            for token in CommitRefIter::from_bytes(data.data, hash_kind) {
                match token.map_err(|e| {
                    corrupt(&repo_path, format!("could not decode commit {id}: {e}"))
                })? {
                    Token::Parent { id } => parents.push(id),
                    Token::Author { signature } => {
                        author_time = Some(signature_time(signature.time).0);
                        break;
                    }
                    _ => {}
                }
            }
            if shallow.contains(&id) {
                parents.clear();
            }
            if parents.len() <= 1 {
                delivered.push(Delivered {
                    id: id.to_string(),
                    author_time: author_time.unwrap_or(0),
                });
            }
            stack.extend(parents);
        }
        out.push(Some(delivered));
    }
    Ok(out)
}

/// The commit a whole or abbreviated hash names in the repository, peeling an annotated tag;
/// `None` when it names none, or several.
fn resolve(
    repo: &gix::Repository,
    path: &Path,
    hash: &str,
    buf: &mut Vec<u8>,
) -> Result<Option<ObjectId>, GitError> {
    let hash = hash.trim();
    let candidates: Vec<ObjectId> = if hash.len() == repo.object_hash().len_in_hex() {
        match ObjectId::from_hex(hash.as_bytes()) {
            Ok(id) => vec![id],
            Err(_) => return Ok(None),
        }
    } else {
        let Ok(prefix) = gix::hash::Prefix::from_hex(hash) else {
            return Ok(None);
        };
        let mut all = std::collections::HashSet::new();
        repo.objects
            .lookup_prefix(prefix, Some(&mut all))
            .map_err(|e| corrupt(path, format!("could not look up {hash}: {e}")))?;
        all.into_iter().collect()
    };
    let mut commits = Vec::new();
    for id in candidates {
        if let Some((commit, _)) = peel(repo, path, id, buf)? {
            commits.push(commit);
        }
    }
    commits.sort();
    commits.dedup();
    Ok(match commits.as_slice() {
        [one] => Some(*one),
        _ => None,
    })
}
