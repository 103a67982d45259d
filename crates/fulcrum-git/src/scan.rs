//! Reading the user's commits out of a repository.
//!
//! The walk is written against the object database directly rather than with
//! a generic revision walker: each commit is inflated and parsed exactly once,
//! only its header is decoded (the message only for the user's own commits),
//! and nothing is allocated for commits by other people.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::{Path, PathBuf};

use gix::ObjectId;
use gix::bstr::{BStr, ByteSlice};
use gix::objs::{CommitRefIter, Find, Kind, TagRefIter, commit::ref_iter::Token};

use crate::{Commit, Cursor, GitError, Identity, Scan};

/// How often the progress callback is called, in commits walked.
const PROGRESS_EVERY: u64 = 1000;

/// How many levels of tags-pointing-at-tags are followed before giving up.
const MAX_TAG_DEPTH: usize = 32;

/// Scans the repository at `path` for the user's commits.
///
/// `path` is the top folder of a work tree, its `.git` folder, or a bare
/// repository. Commits are read from every branch, remote-tracking branch
/// and tag; merges are skipped, and only commits whose author e-mail (after
/// the repository's `.mailmap`) is one of `identity`'s are returned.
///
/// With a `previous` cursor from an earlier scan of the same repository:
/// when no ref moved, the scan returns at once with `unchanged: true` and no
/// commits; otherwise only commits not reachable from the previous tips are
/// read. A cursor says nothing about the identity or the `.mailmap`: when
/// either changes, scan again without a cursor.
///
/// `progress` receives the number of commits walked so far, about every
/// thousand commits and once more at the end of a walk.
pub fn scan(
    path: &Path,
    identity: &Identity,
    previous: Option<&Cursor>,
    progress: &mut dyn FnMut(u64),
) -> Result<Scan, GitError> {
    let mut commits = Vec::new();
    let summary = scan_each(path, identity, previous, progress, &mut |c| commits.push(c))?;
    commits.sort_by(|a, b| {
        b.author_time
            .cmp(&a.author_time)
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(Scan {
        commits,
        cursor: summary.cursor,
        unchanged: summary.unchanged,
        path: summary.path,
    })
}

/// What [`scan_each`] found besides the commits it handed out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanSummary {
    pub cursor: Cursor,
    pub unchanged: bool,
    pub path: PathBuf,
    /// How many commits were given to the sink.
    pub commits: u64,
    /// How many non-merge commits, by anyone, this scan found that the previous cursor had
    /// not seen: without a cursor, every non-merge commit of the repository.
    pub examined: u64,
}

/// Like [`scan`], but hands each of the user's commits to `sink` as soon as it is known, in no
/// particular order, so a caller can store them while the walk goes on. On a first scan (no
/// cursor) commits flow during the walk; an incremental scan hands them out at its end, once
/// it knows which commits earlier scans have seen.
pub fn scan_each(
    path: &Path,
    identity: &Identity,
    previous: Option<&Cursor>,
    progress: &mut dyn FnMut(u64),
    sink: &mut dyn FnMut(Commit),
) -> Result<ScanSummary, GitError> {
    let repo = open(path)?;
    let repo_path = canonical_path(&repo, path);

    let tips = ref_tips(&repo, &repo_path)?;
    let cursor = Cursor {
        tips: tips.iter().map(|t| t.id.to_string()).collect(),
    };
    if previous.is_some_and(|p| p.tips == cursor.tips) {
        return Ok(ScanSummary {
            cursor,
            unchanged: true,
            path: repo_path,
            commits: 0,
            examined: 0,
        });
    }

    let mut walk = Walk::new(&repo, &repo_path, identity, previous.is_some());

    for tip in &tips {
        if let Some(commit) = walk.peel_to_commit(tip.id, Some(&tip.name))? {
            walk.discover(commit, false)?;
        }
    }
    if let Some(previous) = previous {
        for hex in &previous.tips {
            // Unparseable or vanished ids simply hide nothing; missing
            // objects are skipped while peeling.
            let Ok(id) = ObjectId::from_hex(hex.as_bytes()) else {
                continue;
            };
            if let Some(commit) = walk.peel_to_commit(id, None)? {
                walk.discover(commit, true)?;
            }
        }
    }

    let (commits, examined) = walk.run(progress, sink)?;
    Ok(ScanSummary {
        cursor,
        unchanged: false,
        path: repo_path,
        commits,
        examined,
    })
}

pub(crate) fn open(path: &Path) -> Result<gix::Repository, GitError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(GitError::NotARepository {
                path: path.to_owned(),
            });
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(GitError::NotFound {
                path: path.to_owned(),
            });
        }
        Err(err) => {
            return Err(GitError::Open {
                path: path.to_owned(),
                message: err.to_string(),
            });
        }
    }
    // Only the given folder is considered: a repository is never searched for
    // in parent folders, so a subfolder of a work tree is rejected.
    let looks_like_repo = gix::discover::is_git(&path.join(gix::discover::DOT_GIT_DIR)).is_ok()
        || gix::discover::is_git(path).is_ok();
    if !looks_like_repo {
        return Err(GitError::NotARepository {
            path: path.to_owned(),
        });
    }
    let repo = gix::open(path).map_err(|err| GitError::Open {
        path: path.to_owned(),
        message: err.to_string(),
    })?;
    // git itself refuses a repository whose HEAD it cannot read; reading its branches anyway
    // would report "no commits" for a repository that is broken.
    if let Err(err) = repo.head() {
        return Err(GitError::Corrupt {
            path: path.to_owned(),
            message: format!(
                "its HEAD cannot be read ({err}); git refuses it too. Point HEAD at a branch \
                 again, e.g. `git symbolic-ref HEAD refs/heads/main`"
            ),
        });
    }
    Ok(repo)
}

pub(crate) fn canonical_path(repo: &gix::Repository, given: &Path) -> PathBuf {
    let dir = repo.workdir().unwrap_or_else(|| repo.git_dir());
    let dir = if dir.is_absolute() {
        dir.to_owned()
    } else {
        given.join(dir)
    };
    std::fs::canonicalize(&dir).unwrap_or(dir)
}

struct Tip {
    id: ObjectId,
    name: String,
}

/// The ids that branches, remote-tracking branches and tags point at, sorted
/// and de-duplicated. Nothing is read from the object database here, which
/// keeps the "nothing changed" answer fast.
fn ref_tips(repo: &gix::Repository, path: &Path) -> Result<Vec<Tip>, GitError> {
    let refs_error = |err: gix::Error| GitError::Refs {
        path: path.to_owned(),
        message: err.to_string(),
    };
    let platform = repo.references().map_err(refs_error)?;
    let mut tips = Vec::new();
    let iters = [
        platform.local_branches().map_err(refs_error)?,
        platform.remote_branches().map_err(refs_error)?,
        platform.tags().map_err(refs_error)?,
    ];
    for iter in iters {
        for reference in iter {
            // Like git, broken or dangling refs are skipped rather than fatal.
            let Ok(mut reference) = reference else {
                continue;
            };
            let Some(id) = target_id(&mut reference) else {
                continue;
            };
            tips.push(Tip {
                id,
                name: reference.name().as_bstr().to_string(),
            });
        }
    }
    tips.sort_by_key(|t| t.id);
    tips.dedup_by(|a, b| a.id == b.id);
    Ok(tips)
}

/// The object a reference points at, following a symbolic one; `None` for a dangling one,
/// which git skips too.
pub(crate) fn target_id(reference: &mut gix::Reference<'_>) -> Option<ObjectId> {
    match reference.target().try_id() {
        Some(id) => Some(id.to_owned()),
        None => reference.follow_to_object().ok().map(|id| id.detach()),
    }
}

/// Whether a node was reached only from new tips or also from previous ones.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Queued,
    Done,
}

struct Node {
    /// Committer time, which orders the walk like git's.
    time: i64,
    parents_start: u32,
    parents_len: u32,
    /// Reachable from a previous tip: seen by an earlier scan.
    hidden: bool,
    state: State,
    /// Set for the user's own non-merge commits.
    commit: Option<Commit>,
}

struct Walk<'a> {
    repo: &'a gix::Repository,
    path: &'a Path,
    identity: Vec<String>,
    mailmap: gix::mailmap::Snapshot,
    graph: Option<gix::commitgraph::Graph>,
    shallow: gix::hashtable::HashSet<ObjectId>,
    hash_kind: gix::hash::Kind,
    buf: Vec<u8>,
    index: gix::hashtable::HashMap<ObjectId, u32>,
    nodes: Vec<Node>,
    parents: Vec<ObjectId>,
    queue: BinaryHeap<(i64, Reverse<u32>)>,
    /// Queued nodes that are not hidden; the walk ends when none are left.
    interesting_queued: usize,
    /// Previous tips hide history: which commits are new is only known at the end.
    hiding: bool,
}

impl<'a> Walk<'a> {
    fn new(repo: &'a gix::Repository, path: &'a Path, identity: &Identity, hiding: bool) -> Self {
        let identity = identity
            .emails
            .iter()
            .map(|e| e.trim().to_lowercase())
            .filter(|e| !e.is_empty())
            .collect();
        let shallow = repo
            .shallow_commits()
            .ok()
            .flatten()
            .map(|commits| commits.iter().copied().collect())
            .unwrap_or_default();
        Walk {
            repo,
            path,
            identity,
            mailmap: repo.open_mailmap(),
            // The commit-graph only speeds up walking already-seen history;
            // a missing or unreadable one is simply not used.
            graph: if hiding {
                repo.commit_graph_if_enabled().ok().flatten()
            } else {
                None
            },
            shallow,
            hash_kind: repo.object_hash(),
            buf: Vec::with_capacity(4096),
            index: Default::default(),
            nodes: Vec::new(),
            parents: Vec::new(),
            queue: BinaryHeap::new(),
            interesting_queued: 0,
            hiding,
        }
    }

    /// Follows annotated tags down to a commit. Returns `None` for tips that
    /// end in a tree or a blob. A missing object is an error for current refs
    /// (given with their name) and ignored for previous tips.
    fn peel_to_commit(
        &mut self,
        id: ObjectId,
        ref_name: Option<&str>,
    ) -> Result<Option<ObjectId>, GitError> {
        let mut id = id;
        for _ in 0..MAX_TAG_DEPTH {
            let data = match self.repo.objects.try_find(&id, &mut self.buf) {
                Ok(Some(data)) => data,
                Ok(None) => match ref_name {
                    Some(name) => {
                        let message = format!("object {id} that {name} points to is missing");
                        return Err(corrupt(self.path, message));
                    }
                    None => return Ok(None),
                },
                Err(err) => {
                    let message = format!("could not read object {id}: {err}");
                    return Err(corrupt(self.path, message));
                }
            };
            match data.kind {
                Kind::Commit => return Ok(Some(id)),
                Kind::Tag => match TagRefIter::from_bytes(data.data, self.hash_kind).target_id() {
                    Ok(target) => id = target,
                    Err(err) => {
                        let message = format!("could not decode tag {id}: {err}");
                        return Err(corrupt(self.path, message));
                    }
                },
                Kind::Tree | Kind::Blob => return Ok(None),
            }
        }
        Ok(None)
    }

    /// Makes `id` known to the walk, reading it unless already known. Ids
    /// reached from previous tips are `hidden`, and so are their ancestors.
    fn discover(&mut self, id: ObjectId, hidden: bool) -> Result<(), GitError> {
        if let Some(&idx) = self.index.get(&id) {
            if hidden {
                self.mark_hidden(idx);
            }
            return Ok(());
        }
        let node = match self.node_from_graph(&id, hidden) {
            Some(node) => node,
            None => match self.node_from_object(&id, hidden)? {
                Some(node) => node,
                // A missing ancestor of already-seen history hides nothing.
                None => return Ok(()),
            },
        };
        let Ok(idx) = u32::try_from(self.nodes.len()) else {
            return Err(corrupt(self.path, "too many commits".into()));
        };
        self.queue.push((node.time, Reverse(idx)));
        if !hidden {
            self.interesting_queued += 1;
        }
        self.nodes.push(node);
        self.index.insert(id, idx);
        Ok(())
    }

    /// Already-seen history only needs parents and dates, which the
    /// commit-graph has without inflating the commit.
    fn node_from_graph(&mut self, id: &ObjectId, hidden: bool) -> Option<Node> {
        if !hidden || self.shallow.contains(id) {
            return None;
        }
        let graph = self.graph.as_ref()?;
        let commit = graph.commit_by_id(id)?;
        let parents_start = self.parents.len();
        for parent in commit.iter_parents() {
            match parent {
                Ok(pos) => self.parents.push(graph.id_at(pos).to_owned()),
                Err(_) => {
                    // A damaged graph: fall back to the object itself.
                    self.parents.truncate(parents_start);
                    return None;
                }
            }
        }
        Some(Node {
            time: i64::try_from(commit.committer_timestamp()).unwrap_or(i64::MAX),
            parents_start: parents_start as u32,
            parents_len: (self.parents.len() - parents_start) as u32,
            hidden,
            state: State::Queued,
            commit: None,
        })
    }

    fn node_from_object(&mut self, id: &ObjectId, hidden: bool) -> Result<Option<Node>, GitError> {
        let data = match self.repo.objects.try_find(id, &mut self.buf) {
            Ok(Some(data)) => data,
            Ok(None) if hidden => return Ok(None),
            Ok(None) => return Err(corrupt(self.path, format!("commit {id} is missing"))),
            Err(err) => {
                let message = format!("could not read commit {id}: {err}");
                return Err(corrupt(self.path, message));
            }
        };
        if data.kind != Kind::Commit {
            let message = format!("object {id} is a {} where a commit was expected", data.kind);
            return Err(corrupt(self.path, message));
        }
        let path = self.path;
        let corrupt_commit = |err: &dyn std::fmt::Display| {
            corrupt(path, format!("could not decode commit {id}: {err}"))
        };

        let shallow = self.shallow.contains(id);
        let parents_start = self.parents.len();
        let mut author = None;
        let mut time = 0;
        let mut tokens = CommitRefIter::from_bytes(data.data, self.hash_kind);
        for token in tokens.by_ref() {
            match token.map_err(|e| corrupt_commit(&e))? {
                Token::Tree { .. } => {}
                // Git treats the boundary of a shallow clone as root commits.
                Token::Parent { id } if !shallow => self.parents.push(id),
                Token::Author { signature } => author = Some(signature),
                Token::Committer { signature } => {
                    time = signature_time(signature.time).0;
                    break;
                }
                _ => {}
            }
        }
        let parents_len = self.parents.len() - parents_start;

        let mut commit = None;
        if !hidden && parents_len <= 1 {
            let Some(author) = author else {
                return Err(corrupt_commit(&"no author"));
            };
            let author = author.trim();
            let (name, email) = match self.mailmap.try_resolve_ref(author) {
                Some(mapped) => (
                    mapped.name.unwrap_or(author.name),
                    mapped.email.unwrap_or(author.email),
                ),
                None => (author.name, author.email),
            };
            if email_matches(&self.identity, email) {
                let (author_time, offset) = signature_time(author.time);
                let mut summary = String::new();
                for token in tokens {
                    if let Token::Message(message) = token.map_err(|e| corrupt_commit(&e))? {
                        summary = first_line(message);
                        break;
                    }
                }
                commit = Some(Commit {
                    id: id.to_string(),
                    author_time,
                    author_offset_seconds: offset,
                    author_email: email.to_str_lossy().into_owned(),
                    author_name: name.to_str_lossy().into_owned(),
                    summary,
                });
            }
        }

        Ok(Some(Node {
            time,
            parents_start: parents_start as u32,
            parents_len: parents_len as u32,
            hidden,
            state: State::Queued,
            commit,
        }))
    }

    /// Marks a node and everything below it that the walk already passed as
    /// seen by an earlier scan.
    fn mark_hidden(&mut self, idx: u32) {
        let mut stack = vec![idx];
        while let Some(idx) = stack.pop() {
            let Some(node) = self.nodes.get_mut(idx as usize) else {
                continue;
            };
            if node.hidden {
                continue;
            }
            node.hidden = true;
            match node.state {
                State::Queued => self.interesting_queued -= 1,
                State::Done => {
                    let range = node.parents_start as usize
                        ..(node.parents_start + node.parents_len) as usize;
                    for parent in &self.parents[range] {
                        if let Some(&p) = self.index.get(parent) {
                            stack.push(p);
                        }
                    }
                }
            }
        }
    }

    /// Walks newest-first by committer date until nothing new is left, hands
    /// the user's commits that are not reachable from previous tips to `sink`,
    /// and returns how many it gave and how many non-merge commits (anyone's)
    /// are new.
    fn run(
        mut self,
        progress: &mut dyn FnMut(u64),
        sink: &mut dyn FnMut(Commit),
    ) -> Result<(u64, u64), GitError> {
        let mut walked = 0u64;
        let mut given = 0u64;
        while self.interesting_queued > 0 {
            let Some((_, Reverse(idx))) = self.queue.pop() else {
                break;
            };
            let node = &mut self.nodes[idx as usize];
            if node.state == State::Done {
                continue;
            }
            node.state = State::Done;
            let hidden = node.hidden;
            if !hidden {
                self.interesting_queued -= 1;
            }
            // Without hidden history nothing can be taken back: hand the commit out now.
            if let Some(c) = node.commit.take_if(|_| !self.hiding) {
                sink(c);
                given += 1;
            }
            let start = node.parents_start as usize;
            let end = start + node.parents_len as usize;
            for i in start..end {
                let parent = self.parents[i];
                self.discover(parent, hidden)?;
            }
            walked += 1;
            if walked.is_multiple_of(PROGRESS_EVERY) {
                progress(walked);
            }
        }
        progress(walked);

        // Counted once the walk is over: a node may be found to be old history after it
        // was walked.
        let examined = self
            .nodes
            .iter()
            .filter(|n| !n.hidden && n.state == State::Done && n.parents_len <= 1)
            .count() as u64;
        for c in self
            .nodes
            .into_iter()
            .filter(|n| !n.hidden && n.state == State::Done)
            .filter_map(|n| n.commit)
        {
            sink(c);
            given += 1;
        }
        Ok((given, examined))
    }
}

pub(crate) fn corrupt(path: &Path, message: String) -> GitError {
    GitError::Corrupt {
        path: path.to_owned(),
        message,
    }
}

/// Case-insensitive comparison against the identity's lower-cased e-mails,
/// without allocating for the common all-ASCII case.
fn email_matches(identity: &[String], email: &BStr) -> bool {
    if identity.is_empty() {
        return false;
    }
    if email.is_ascii() {
        identity
            .iter()
            .any(|wanted| wanted.as_bytes().eq_ignore_ascii_case(email))
    } else {
        let email = email.to_str_lossy().to_lowercase();
        identity.contains(&email)
    }
}

/// Parses the `<seconds> <+hhmm>` part of a signature. Malformed dates read
/// as the epoch, as git shows them.
pub(crate) fn signature_time(raw: &str) -> (i64, i32) {
    match raw.parse::<gix::date::Time>() {
        Ok(time) => (time.seconds, time.offset),
        Err(_) => (0, 0),
    }
}

fn first_line(message: &BStr) -> String {
    let message = message.trim_start();
    let line = message.lines().next().unwrap_or_default();
    line.trim_end().to_str_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_compare_without_case() {
        let identity = vec![
            "alice@example.com".to_owned(),
            "émile@exemple.fr".to_owned(),
        ];
        assert!(email_matches(&identity, "ALICE@Example.com".into()));
        assert!(email_matches(&identity, "ÉMILE@EXEMPLE.FR".into()));
        assert!(!email_matches(&identity, "alice@example.co".into()));
        assert!(!email_matches(&[], "alice@example.com".into()));
    }

    #[test]
    fn summary_is_the_first_line() {
        assert_eq!(first_line("Fix it\n\nBody".into()), "Fix it");
        assert_eq!(first_line("\n\nLate start  \r\nnext".into()), "Late start");
        assert_eq!(first_line("".into()), "");
    }

    #[test]
    fn malformed_dates_read_as_the_epoch() {
        assert_eq!(signature_time("1700000000 +0130"), (1_700_000_000, 5400));
        assert_eq!(signature_time("1700000000 -0500"), (1_700_000_000, -18000));
        assert_eq!(signature_time("garbage"), (0, 0));
    }
}
